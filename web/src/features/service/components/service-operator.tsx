import type { ServiceOperator } from '@gpbook/shared/service';
import { useServiceInfo } from '../api/get-service-info';

/** How to reach the organisation that runs the service: email, then phone and post when it gives them. */
function OperatorContact({ operator }: { operator: ServiceOperator }) {
  return (
    <ul className="nhsuk-list">
      <li>
        Email: <a href={`mailto:${operator.email}`}>{operator.email}</a>
      </li>
      {operator.phone ? <li>Phone: {operator.phone}</li> : null}
      {operator.postalAddress ? <li>Post: {operator.postalAddress}</li> : null}
    </ul>
  );
}

/**
 * Who runs this copy of the service, from `GET /api/service`: named, with how to reach them, for `purpose` (what
 * the patient would write about); on the demo, that it is a demonstration holding no one's real information. Says
 * so plainly when it cannot be found out, rather than leaving a gap.
 */
export function ServiceOperatorDetails({ purpose }: { purpose: 'privacy' | 'accessibility' }) {
  const service = useServiceInfo();
  if (service.isPending) return <p className="nhsuk-body">Finding out who runs this service…</p>;
  if (service.isError) {
    return (
      <p className="nhsuk-body">
        We could not find out just now who runs this service. Try again later, or ask your GP surgery.
      </p>
    );
  }
  const { operator, demo } = service.data;
  if (!operator) {
    return (
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>
          This is a demonstration of the service. It is not run by an NHS organisation and holds no real
          patient’s information: everyone you can sign in as is made up.
        </p>
      </div>
    );
  }
  return (
    <>
      <p className="nhsuk-body">
        {purpose === 'privacy'
          ? `This service is run by ${operator.name}. ${operator.name} is the data controller for the information the service itself handles. To ask about it, or about your rights:`
          : `This service is run by ${operator.name}. To report a problem or ask for information in a different format:`}
      </p>
      <OperatorContact operator={operator} />
      {demo ? (
        <p className="nhsuk-body">This copy is a demonstration: everyone you can sign in as is made up.</p>
      ) : null}
    </>
  );
}
