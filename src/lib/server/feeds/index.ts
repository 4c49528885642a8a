/** Public machine-readable views: the project feed, the sitemap, robots.txt. */
export {
	FEED_SIZE,
	projectFeed,
	robotsTxt,
	sitemap,
	SITEMAP_MAX_URLS,
	SITEMAP_PAGES
} from './feeds.service';
