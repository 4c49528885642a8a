/**
 * Script and HTML injection payloads for every text field that people write (titles, summaries,
 * markdown bodies, comments, reasons, names). A field is harmless when, after saving and showing a
 * value from this list, no dialog opened, `window.__xss` is unset, and no element or attribute
 * from the payload became live markup. Shared by the database, unit and browser tests.
 */
export const XSS_PAYLOADS: readonly string[] = [
	'<script>window.__xss=1</script>',
	'<img src=x onerror="window.__xss=1">',
	'<svg onload="window.__xss=1"></svg>',
	'<svg><script>window.__xss=1</script></svg>',
	'"><script>window.__xss=1</script>',
	"'><img src=x onerror=window.__xss=1>",
	'<iframe src="javascript:window.__xss=1"></iframe>',
	'<a href="javascript:window.__xss=1">Klick</a>',
	'[Klick](javascript:window.__xss=1)',
	'[Klick](JaVaScRiPt:window.__xss=1)',
	'[Klick](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)',
	'![Bild](x" onerror="window.__xss=1)',
	'<details open ontoggle="window.__xss=1">',
	'<body onload="window.__xss=1">',
	'<input autofocus onfocus="window.__xss=1">',
	'<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
	'<style>@import "//evil.example/x.css";</style>',
	'<object data="javascript:window.__xss=1"></object>',
	'<embed src="javascript:window.__xss=1">',
	'<form action="javascript:window.__xss=1"><button>Senden</button></form>',
	'<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
	'<base href="javascript:window.__xss=1//">',
	'<div style="background:url(javascript:window.__xss=1)">Text</div>',
	'<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:window.__xss=1">x</a>',
	'<scr<script>ipt>window.__xss=1</scr</script>ipt>',
	'{{constructor.constructor("window.__xss=1")()}}',
	'${window.__xss=1}',
	'</textarea><script>window.__xss=1</script>',
	'</title><script>window.__xss=1</script>',
	'<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
	'`<img src=x onerror=window.__xss=1>`',
	'javascript:window.__xss=1'
];
