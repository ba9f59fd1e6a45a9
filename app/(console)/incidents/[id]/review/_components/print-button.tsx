"use client";

/** Opens the browser's print dialog; the print styles leave out the navigation and the forms. */
export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className="rounded-md bg-accent px-3 py-1 text-sm font-semibold text-surface print:hidden">
      Print this page
    </button>
  );
}
