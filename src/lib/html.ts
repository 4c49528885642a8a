/** Escaping for the few places that write markup as a string (never user input unescaped). */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
