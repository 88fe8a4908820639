// The record types the portal can create and edit, described once: each field's kind (as in
// docs/records.md and the server's src/domain/schema.cc), its label, whether it is required. The
// forms, the record pages and the payload mapping (lib/formdata.ts) are all driven by these
// descriptors, so adding a field to a type is one line here (and its label in the catalogues).
import type { MessageKey } from '../i18n';

export type RecordType =
  | 'organisation' | 'person' | 'profile' | 'case' | 'agreement' | 'project'
  | 'programme' | 'session' | 'enrolment' | 'document' | 'interest';

interface FieldBase {
  name: string;
  label: MessageKey;
  help?: MessageKey;
  required?: boolean;
  /** Takes the whole row of the form grid. */
  wide?: boolean;
}

/** One field of a record type, by kind. */
export type FieldDesc = FieldBase & (
  | { kind: 'text'; multiline?: boolean }                                   // multilingual {lang, text}
  | { kind: 'string'; multiline?: boolean; maxLength?: number; input?: 'email' | 'url' | 'password'; autocomplete?: string }
  | { kind: 'enum'; values: readonly string[]; labels: string; default?: string }  // labels: catalogue prefix
  | { kind: 'choice'; values: readonly string[]; labels: string }           // a free string with known values
  | { kind: 'country' }
  | { kind: 'countries' }
  | { kind: 'language' }
  | { kind: 'languages' }
  | { kind: 'date'; notBefore?: string }                                    // notBefore: another date field
  | { kind: 'int'; min?: number }
  | { kind: 'number'; min?: number; currency?: string }                     // currency: the field holding its ISO 4217 code
  | { kind: 'currency' }
  | { kind: 'bool'; default?: boolean }
  | { kind: 'ref'; target: RecordType }
  | { kind: 'refs'; target: RecordType; min?: number }
);

export type FieldKind = FieldDesc['kind'];

export interface TypeDesc {
  type: RecordType;
  /** The API collection. */
  plural: string;
  /** Where the record's page is: `${base}/${id}`; null when it has none (interests). */
  base: string | null;
  /** Where to go after deleting one. */
  listPath: string;
  /** The field that names a record ('' when none: enrolments). */
  titleField: string;
  /** Personal data: readable with a token only. */
  private?: boolean;
  newTitle: MessageKey;
  editTitle: MessageKey;
  fields: FieldDesc[];
}

export const ORG_KINDS: readonly string[] = ['enterprise', 'university', 'research_institute', 'government', 'hospital', 'cooperative', 'association', 'training_provider'];
export const SUBJECTS: readonly string[] = ['technology', 'business', 'research', 'training', 'investment'];
export const PROFILE_STATUSES: readonly string[] = ['draft', 'published', 'closed'];
export const AGREEMENT_TYPES: readonly string[] = ['mou', 'framework', 'contract'];
export const AGREEMENT_STATUSES: readonly string[] = ['draft', 'signed', 'in_force', 'completed', 'terminated'];
export const STAGES: readonly string[] = ['proposed', 'negotiating', 'signed', 'in_progress', 'completed', 'dropped'];
export const ENROLMENT_STATUSES: readonly string[] = ['applied', 'accepted', 'waitlisted', 'attended', 'completed', 'cancelled', 'rejected'];
export const INTEREST_STATUSES: readonly string[] = ['new', 'accepted', 'declined', 'withdrawn'];
/** Case domains the catalogues name; the field itself is free text. */
export const DOMAINS: readonly string[] = ['agriculture', 'aquaculture', 'disaster', 'education', 'energy', 'government', 'health', 'logistics', 'manufacturing', 'tourism'];

export const TYPES: Record<RecordType, TypeDesc> = {
  organisation: {
    type: 'organisation', plural: 'organisations', base: '/organisations', listPath: '/directory', titleField: 'name',
    newTitle: 'form.org_new', editTitle: 'form.org_edit',
    fields: [
      { name: 'name', kind: 'text', label: 'form.name', required: true, wide: true, help: 'form.lang_help' },
      { name: 'kind', kind: 'enum', label: 'form.org_kind', required: true, values: ORG_KINDS, labels: 'orgkind' },
      { name: 'country', kind: 'country', label: 'form.country', required: true },
      { name: 'locality', kind: 'string', label: 'form.locality', maxLength: 200 },
      { name: 'locality_code', kind: 'string', label: 'form.locality_code', help: 'form.locality_code_help', maxLength: 6 },
      { name: 'website', kind: 'string', input: 'url', label: 'form.website', help: 'form.website_help' },
      { name: 'description', kind: 'text', label: 'form.description', multiline: true, wide: true },
    ],
  },
  person: {
    type: 'person', plural: 'people', base: '/people', listPath: '/people', titleField: 'name', private: true,
    newTitle: 'form.person_new', editTitle: 'form.person_edit',
    fields: [
      { name: 'name', kind: 'string', label: 'form.person_name', required: true, maxLength: 300, autocomplete: 'off' },
      { name: 'organisation', kind: 'ref', target: 'organisation', label: 'form.organisation' },
      { name: 'role', kind: 'string', label: 'form.role', maxLength: 300 },
      { name: 'email', kind: 'string', input: 'email', label: 'form.email' },
      { name: 'country', kind: 'country', label: 'form.country' },
      { name: 'locality', kind: 'string', label: 'form.locality', maxLength: 200 },
      { name: 'languages', kind: 'languages', label: 'form.languages', wide: true },
    ],
  },
  profile: {
    type: 'profile', plural: 'profiles', base: '/profiles', listPath: '/marketplace', titleField: 'title',
    newTitle: 'form.profile_new', editTitle: 'form.profile_edit',
    fields: [
      { name: 'organisation', kind: 'ref', target: 'organisation', label: 'form.organisation', required: true, wide: true },
      { name: 'kind', kind: 'enum', label: 'form.profile_kind', required: true, values: ['offer', 'request'], labels: 'profilekind' },
      { name: 'subject', kind: 'enum', label: 'form.subject', values: SUBJECTS, labels: 'subject', default: 'technology' },
      { name: 'title', kind: 'text', label: 'form.title', required: true, wide: true, help: 'form.lang_help' },
      { name: 'summary', kind: 'text', label: 'form.summary', multiline: true, wide: true },
      { name: 'target_countries', kind: 'countries', label: 'form.target_countries' },
      { name: 'deadline', kind: 'date', label: 'form.deadline' },
      { name: 'status', kind: 'enum', label: 'form.status', values: PROFILE_STATUSES, labels: 'status', default: 'published', help: 'form.status_help' },
    ],
  },
  case: {
    type: 'case', plural: 'cases', base: '/cases', listPath: '/cases', titleField: 'title',
    newTitle: 'form.case_new', editTitle: 'form.case_edit',
    fields: [
      { name: 'title', kind: 'text', label: 'form.title', required: true, wide: true, help: 'form.lang_help' },
      { name: 'summary', kind: 'text', label: 'form.summary', multiline: true, wide: true },
      { name: 'supplier', kind: 'ref', target: 'organisation', label: 'form.supplier' },
      { name: 'adopter', kind: 'ref', target: 'organisation', label: 'form.adopter' },
      { name: 'country', kind: 'country', label: 'form.country' },
      { name: 'locality', kind: 'string', label: 'form.locality', maxLength: 200 },
      { name: 'domain', kind: 'choice', label: 'form.domain', values: DOMAINS, labels: 'domain' },
      { name: 'year', kind: 'int', label: 'form.year', min: 1900 },
      { name: 'outcome', kind: 'text', label: 'form.outcome', multiline: true, wide: true },
    ],
  },
  agreement: {
    type: 'agreement', plural: 'agreements', base: '/agreements', listPath: '/agreements', titleField: 'title',
    newTitle: 'form.agreement_new', editTitle: 'form.agreement_edit',
    fields: [
      { name: 'title', kind: 'text', label: 'form.title', required: true, wide: true, help: 'form.lang_help' },
      { name: 'parties', kind: 'refs', target: 'organisation', label: 'form.parties', required: true, min: 2, help: 'form.parties_help', wide: true },
      { name: 'agreement_type', kind: 'enum', label: 'form.agreement_type', required: true, values: AGREEMENT_TYPES, labels: 'agrtype' },
      { name: 'status', kind: 'enum', label: 'form.status', values: AGREEMENT_STATUSES, labels: 'agrstatus', default: 'signed' },
      { name: 'signed_date', kind: 'date', label: 'form.signed_date' },
      { name: 'signed_place', kind: 'string', label: 'form.signed_place', maxLength: 300 },
    ],
  },
  project: {
    type: 'project', plural: 'projects', base: '/projects', listPath: '/projects', titleField: 'title',
    newTitle: 'form.project_new', editTitle: 'form.project_edit',
    fields: [
      { name: 'title', kind: 'text', label: 'form.title', required: true, wide: true, help: 'form.lang_help' },
      { name: 'summary', kind: 'text', label: 'form.summary', multiline: true, wide: true },
      { name: 'parties', kind: 'refs', target: 'organisation', label: 'form.parties', required: true, min: 1, wide: true },
      { name: 'stage', kind: 'enum', label: 'form.stage', values: STAGES, labels: 'stage', default: 'proposed' },
      { name: 'start_date', kind: 'date', label: 'form.start_date' },
      { name: 'value', kind: 'number', label: 'form.value', min: 0, currency: 'currency', help: 'form.value_help' },
      { name: 'currency', kind: 'currency', label: 'form.currency' },
      { name: 'country', kind: 'country', label: 'form.country' },
      { name: 'agreement', kind: 'ref', target: 'agreement', label: 'form.agreement' },
      { name: 'case', kind: 'ref', target: 'case', label: 'form.case', wide: true },
    ],
  },
  programme: {
    type: 'programme', plural: 'programmes', base: '/programmes', listPath: '/training', titleField: 'title',
    newTitle: 'form.programme_new', editTitle: 'form.programme_edit',
    fields: [
      { name: 'title', kind: 'text', label: 'form.title', required: true, wide: true, help: 'form.lang_help' },
      { name: 'description', kind: 'text', label: 'form.description', multiline: true, wide: true },
      { name: 'provider', kind: 'ref', target: 'organisation', label: 'form.provider' },
      { name: 'language', kind: 'language', label: 'form.teaching_language' },
      { name: 'target_countries', kind: 'countries', label: 'form.target_countries', wide: true },
    ],
  },
  session: {
    type: 'session', plural: 'sessions', base: '/sessions', listPath: '/training', titleField: 'title',
    newTitle: 'form.session_new', editTitle: 'form.session_edit',
    fields: [
      { name: 'programme', kind: 'ref', target: 'programme', label: 'form.programme', required: true, wide: true },
      { name: 'title', kind: 'text', label: 'form.title', wide: true },
      { name: 'start_date', kind: 'date', label: 'form.start_date', required: true },
      { name: 'end_date', kind: 'date', label: 'form.end_date', required: true, notBefore: 'start_date' },
      { name: 'online', kind: 'bool', label: 'form.online', default: false },
      { name: 'venue', kind: 'string', label: 'form.venue', maxLength: 500 },
      { name: 'country', kind: 'country', label: 'form.country' },
      { name: 'locality', kind: 'string', label: 'form.locality', maxLength: 200 },
      { name: 'language', kind: 'language', label: 'form.teaching_language' },
      { name: 'capacity', kind: 'int', label: 'form.capacity', min: 1 },
    ],
  },
  enrolment: {
    type: 'enrolment', plural: 'enrolments', base: '/enrolments', listPath: '/training', titleField: '', private: true,
    newTitle: 'form.enrolment_new', editTitle: 'form.enrolment_edit',
    fields: [
      { name: 'person', kind: 'ref', target: 'person', label: 'form.person', required: true, wide: true },
      { name: 'session', kind: 'ref', target: 'session', label: 'form.session', required: true, wide: true },
      { name: 'status', kind: 'enum', label: 'form.status', values: ENROLMENT_STATUSES, labels: 'enrstatus', default: 'applied' },
    ],
  },
  document: {
    type: 'document', plural: 'documents', base: '/documents', listPath: '/documents', titleField: 'title',
    newTitle: 'form.document_new', editTitle: 'form.document_edit',
    fields: [
      { name: 'title', kind: 'text', label: 'form.title', required: true, wide: true },
      { name: 'date', kind: 'date', label: 'form.date' },
      { name: 'source', kind: 'string', label: 'form.source', maxLength: 300 },
      { name: 'url', kind: 'string', input: 'url', label: 'form.url', help: 'form.website_help', wide: true },
      { name: 'body', kind: 'text', label: 'form.body', required: true, multiline: true, wide: true },
    ],
  },
  interest: {
    type: 'interest', plural: 'interests', base: null, listPath: '/marketplace', titleField: 'name', private: true,
    newTitle: 'interest.title', editTitle: 'interest.title',
    fields: [
      { name: 'profile', kind: 'ref', target: 'profile', label: 'form.profile', required: true },
      { name: 'name', kind: 'string', label: 'interest.name', required: true, maxLength: 300, autocomplete: 'name' },
      { name: 'email', kind: 'string', input: 'email', label: 'interest.email', required: true, autocomplete: 'email' },
      { name: 'organisation', kind: 'ref', target: 'organisation', label: 'interest.organisation', wide: true },
      { name: 'message', kind: 'text', label: 'interest.message', required: true, multiline: true, wide: true },
      { name: 'status', kind: 'enum', label: 'form.status', values: INTEREST_STATUSES, labels: 'intstatus', default: 'new' },
    ],
  },
};

export function typeByPlural(plural: string): TypeDesc | undefined {
  return Object.values(TYPES).find((t) => t.plural === plural);
}

/** The page of a record, or null when its type has none. */
export function recordPath(type: RecordType, id: number): string | null {
  const base = TYPES[type].base;
  return base ? `${base}/${id}` : null;
}

export function fieldNames(type: RecordType): string[] {
  return TYPES[type].fields.map((f) => f.name);
}
