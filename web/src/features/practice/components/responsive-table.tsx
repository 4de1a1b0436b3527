import type { ReactNode } from 'react';

export interface TableCell {
  content: ReactNode;
  /** A row's first cell names the row (a <th scope="row">). */
  rowHeader?: boolean;
  numeric?: boolean;
}

/**
 * The NHS.UK responsive table: a table on a wide screen; on a phone each row becomes a block in which every
 * cell carries its column's heading (hidden from screen readers, which read the real headers).
 */
export function ResponsiveTable({
  caption,
  headers,
  rows,
  foot,
}: {
  caption: ReactNode;
  headers: readonly string[];
  rows: ReadonlyArray<{ key: string; cells: readonly TableCell[] }>;
  /** A last row (totals), marked up like the others so it stacks the same way on a phone. */
  foot?: { key: string; cells: readonly TableCell[] } | undefined;
}) {
  const renderRow = (row: { key: string; cells: readonly TableCell[] }, className = '') => (
    <tr role="row" className={`nhsuk-table__row ${className}`.trim()} key={row.key}>
      {row.cells.map((cell, index) => {
        const Element = cell.rowHeader ? 'th' : 'td';
        return (
          <Element
            key={index}
            role={cell.rowHeader ? 'rowheader' : 'cell'}
            scope={cell.rowHeader ? 'row' : undefined}
            className={`${cell.rowHeader ? 'nhsuk-table__header' : 'nhsuk-table__cell'}${cell.numeric ? ' nhsuk-table__cell--numeric' : ''}`}
          >
            <span className="nhsuk-table__heading" aria-hidden="true">
              {headers[index]}{' '}
            </span>
            <span>{cell.content}</span>
          </Element>
        );
      })}
    </tr>
  );
  return (
    <table role="table" className="nhsuk-table nhsuk-table--responsive">
      <caption className="nhsuk-table__caption">{caption}</caption>
      <thead role="rowgroup" className="nhsuk-table__head">
        <tr role="row" className="nhsuk-table__row">
          {headers.map((header, index) => (
            <th
              role="columnheader"
              scope="col"
              className={`nhsuk-table__header${rows[0]?.cells[index]?.numeric ? ' nhsuk-table__header--numeric' : ''}`}
              key={header}
            >
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {rows.map((row) => renderRow(row))}
        {foot ? renderRow(foot, 'app-practice-total') : null}
      </tbody>
    </table>
  );
}
