/** The NHS.UK inline error message above a field. */
export function ErrorMessage({ id, children }: { id: string; children: string }) {
  return (
    <span className="nhsuk-error-message" id={id}>
      <span className="nhsuk-u-visually-hidden">Error: </span>
      {children}
    </span>
  );
}
