// Organisation names are needed on almost every page (parties, suppliers, adopters): the record
// cache of lib/records.ts, typed for organisations.
import type { Organisation } from './api';
import { forgetRecord, getRecord, rememberRecord, type AnyRecord } from './records';

export function getOrganisation(id: number): Promise<Organisation> {
  return getRecord<Organisation>('organisation', id);
}

export function rememberOrganisation(org: Organisation): void {
  rememberRecord('organisation', org as unknown as AnyRecord);
}

export function forgetOrganisation(id: number): void {
  forgetRecord('organisation', id);
}
