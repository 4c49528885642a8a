export { listDomains, listTopicFields, type Domain, type TopicField } from './reference.service';
export { createDomain, renameDomain, setDomainArchived } from './domain.service';
export { canAdministerDomains, canManageDomains } from './domain.policy';
export { DOMAIN_NAME_MAX, DomainNameSchema, type DomainNameInput } from './domain.schema';
