export const fieldClass = "mt-1 block w-full rounded-md border border-edge bg-surface px-2 py-1.5 text-sm";
export const buttonClass = "rounded-md bg-accent px-3 py-1.5 text-sm font-semibold text-surface disabled:opacity-60";
export const quietButtonClass = "whitespace-nowrap rounded-md border border-edge px-2 py-1 text-xs hover:border-accent disabled:opacity-60";
export const inlineFieldClass = "rounded-md border border-edge bg-surface px-2 py-1 text-sm";
