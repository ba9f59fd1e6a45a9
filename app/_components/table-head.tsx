import type { ReactNode } from "react";

/** A header cell: plain text, or a label with classes of its own added to the table's cell classes. */
export type HeadColumn = string | { key: string; label: ReactNode; className?: string };

/** The header row of the console's tables: every cell shares `cellClassName`. */
export function TableHead({ columns, cellClassName, className }: { columns: HeadColumn[]; cellClassName: string; className?: string }) {
  return (
    <thead className={className}>
      <tr>
        {columns.map((column) =>
          typeof column === "string" ? (
            <th key={column} scope="col" className={cellClassName}>{column}</th>
          ) : (
            <th key={column.key} scope="col" className={column.className ? `${cellClassName} ${column.className}` : cellClassName}>{column.label}</th>
          ),
        )}
      </tr>
    </thead>
  );
}
