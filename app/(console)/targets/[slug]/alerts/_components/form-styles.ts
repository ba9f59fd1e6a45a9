export const fieldClass = "mt-1 w-full rounded-md border border-edge bg-surface px-2 py-1.5 text-sm";
export const buttonClass = "rounded-md bg-accent px-3 py-1.5 text-sm font-semibold text-surface disabled:opacity-60";
export const quietButtonClass = "rounded-md border border-edge px-3 py-1.5 text-sm text-muted hover:text-ink disabled:opacity-60";
