export { listRecentActivity, type ActivityItem, type ActivityKind } from './activity.service';
