/**
 * "Zitieren": the reply form is pre-filled with the quoted post as a markdown block quote,
 * attributed to its author and linking to the post's anchor, so it works without JavaScript.
 */
export interface QuotedPost {
	discussionId: number;
	postId: number;
	/** The page of the thread the post is on. */
	page: number;
	authorName: string;
	source: string;
}

export function postAnchor(postId: number): string {
	return `beitrag-${postId}`;
}

export function postPath(discussionId: number, postId: number, page: number): string {
	const query = page > 1 ? `?seite=${page}` : '';
	return `/austausch/${discussionId}${query}#${postAnchor(postId)}`;
}

export function quoteBlock(post: QuotedPost): string {
	const name = post.authorName.replace(/[\\[\]*_`<>]/g, (char) => `\\${char}`);
	const head = `> **${name}** [schrieb](${postPath(post.discussionId, post.postId, post.page)}):`;
	const lines = post.source
		.trim()
		.split('\n')
		.map((line) => (line === '' ? '>' : `> ${line}`));
	return `${[head, '>', ...lines].join('\n')}\n\n`;
}
