import { isValidNhsNumber } from '@gpbook/shared/nhs-number';
import { SYS } from '../../gpconnect/constants.js';
import type { InteractionHandlers } from '../context.js';
import { gpcError } from '../outcomes.js';
import { registerTemporaryPatient } from '../registration/register.js';
import { parseRegistrationRequest } from '../registration/request.js';
import { searchset } from '../resources/common.js';
import { patientResource } from '../resources/foundations.js';
import type { ProviderStore } from '../store/store.js';
import { identifierParameter } from './identifier-search.js';
import { isServedPatient } from './patient-status.js';

export function patientHandlers(store: ProviderStore): InteractionHandlers {
  return {
    patientSearch: ({ practice, query }) => {
      const { value } = identifierParameter(query, [SYS.nhsNumber]);
      if (!isValidNhsNumber(value)) throw gpcError('INVALID_NHS_NUMBER', 'The NHS number is not valid');
      const patient = store.patientByNhsNumber(practice.odsCode, value);
      // Not found is not an error: an empty searchset (§3.2).
      return {
        status: 200,
        resource: searchset(isServedPatient(patient) ? [patientResource(practice, patient)] : []),
      };
    },
    patientRead: ({ practice, id }) => {
      const patient = id === undefined ? undefined : store.patient(practice.odsCode, id);
      if (!isServedPatient(patient)) throw gpcError('PATIENT_NOT_FOUND', 'No patient record with this id');
      const resource = patientResource(practice, patient);
      return { status: 200, resource, versionId: resource.meta.versionId };
    },
    registerPatient: ({ practice, config, body, now }) => {
      const patient = registerTemporaryPatient(store, config, practice, parseRegistrationRequest(body), now);
      // 200 and a searchset holding the Patient as Read a patient returns it (§3.8), not 201 and a Location.
      return { status: 200, resource: searchset([patientResource(practice, patient)]) };
    },
  };
}
