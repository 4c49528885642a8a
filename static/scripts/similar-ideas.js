// Similar ideas while an idea is typed: shows the open ideas of the pool that resemble the title
// and problem being typed into a form marked `data-similar-ideas`. Without JavaScript the
// form's "Ähnliches suchen" button asks the server instead. Texts come from data attributes, so
// this file holds no language.
(function () {
	'use strict';
	var form = document.querySelector('form[data-similar-ideas]');
	if (!form || !window.fetch) return;
	var output = form.querySelector('[data-similar-ideas-output]');
	var title = form.querySelector('[name="title"]');
	var problem = form.querySelector('[name="problem"]');
	if (!output || !title) return;
	var timer = null;
	var lastQuery = '';
	var controller = null;

	function render(items) {
		output.replaceChildren();
		if (items.length === 0) return;
		var section = document.createElement('section');
		section.className = 'similar';
		section.setAttribute('aria-label', output.getAttribute('data-title') || '');
		var heading = document.createElement('h2');
		heading.textContent = output.getAttribute('data-title') || '';
		var list = document.createElement('ul');
		items.forEach(function (item) {
			var li = document.createElement('li');
			var link = document.createElement('a');
			link.href = item.url;
			link.textContent = item.title;
			li.appendChild(link);
			list.appendChild(li);
		});
		section.appendChild(heading);
		section.appendChild(list);
		output.appendChild(section);
	}

	function lookUp() {
		var params = new URLSearchParams();
		params.set('title', title.value.slice(0, 300));
		if (problem) params.set('problem', problem.value.slice(0, 2000));
		var query = params.toString();
		if (query === lastQuery) return;
		lastQuery = query;
		if (title.value.trim().length < 4) {
			render([]);
			return;
		}
		if (controller) controller.abort();
		controller = window.AbortController ? new AbortController() : null;
		fetch('/api/v1/ideas/similar?' + query, {
			credentials: 'same-origin',
			headers: { accept: 'application/json' },
			signal: controller ? controller.signal : undefined
		})
			.then(function (response) {
				return response.ok ? response.json() : { items: [] };
			})
			.then(function (body) {
				render(body.items || []);
			})
			.catch(function () {
				/* Offline or aborted: the button still works. */
			});
	}

	function schedule() {
		if (timer) clearTimeout(timer);
		timer = setTimeout(lookUp, 400);
	}
	title.addEventListener('input', schedule);
	if (problem) problem.addEventListener('input', schedule);
})();
