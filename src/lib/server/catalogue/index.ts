export { listDomains, listTopicFields, type Domain, type TopicField } from './reference.service';
