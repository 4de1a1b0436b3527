import type { ServiceFilteringStatus } from '../gpconnect/constants.js';
import type { PracticeConfig, ProviderConfig } from './config/schema.js';

/**
 * The effective service filtering status of a practice (GP Connect 1.2.8): the supplier switch must be on for
 * it (everywhere or at selected practices), and then the practice's own switch decides.
 */
export function serviceFilteringStatus(
  config: ProviderConfig,
  practice: PracticeConfig,
): ServiceFilteringStatus {
  const supplier = config.supplierServiceFiltering;
  const supplierOn =
    supplier === 'on' || (typeof supplier === 'object' && supplier.selected.includes(practice.odsCode));
  if (!supplierOn) return 'supplier-disabled';
  return practice.serviceFiltering ? 'enabled' : 'organization-disabled';
}
