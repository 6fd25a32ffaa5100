// The live decision feed (/console/live) and the overview's decisions per minute.
// Everything an agent supplied (tool, resource, reasons) is set with textContent: never parsed as HTML.
'use strict';

(() => {
  const feed = document.querySelector('ol[data-feed]');
  if (feed) {
    const status = document.querySelector('[data-feed-status]');
    const max = Number(feed.dataset.max) || 200;
    let shown = 0;
    let skipped = 0;
    const say = (text) => { if (status) status.textContent = text; };
    const summary = () => say(`Live: ${shown} decision${shown === 1 ? '' : 's'} received`
      + (skipped ? `, ${skipped} skipped (the page could not keep up)` : '') + '.');

    const text = (tag, cls, value) => {
      const el = document.createElement(tag);
      if (cls) el.className = cls;
      el.textContent = value;
      return el;
    };

    const item = (d) => {
      const li = document.createElement('li');
      li.dataset.decision = String(d.decision);
      li.dataset.agent = String(d.agent);
      const time = text('time', 'when', String(d.time).replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'));
      time.dateTime = String(d.time);
      li.append(time, ' ',
        text('span', 'verdict verdict-' + String(d.decision).replace(/[^a-z_]/g, ''), String(d.decision)), ' ',
        text('span', 'agent', String(d.agent)), ' called ',
        text('span', 'tool', String(d.tool)));
      if (d.resource) li.append(' on ', text('span', 'resource', String(d.resource)));
      const reasons = Array.isArray(d.reasons) ? d.reasons : [];
      if (reasons.length) {
        const ul = document.createElement('ul');
        ul.className = 'reasons';
        for (const r of reasons) ul.append(text('li', null, String(r)));
        li.append(ul);
      }
      return li;
    };

    const source = new EventSource(feed.dataset.stream);
    source.addEventListener('open', () => summary());
    source.addEventListener('decisions', (event) => {
      let list;
      try { list = JSON.parse(event.data); } catch { return; }
      if (!Array.isArray(list)) return;
      const fragment = document.createDocumentFragment();
      // the batch is oldest first; the newest goes on top
      for (let i = list.length - 1; i >= 0; i--) fragment.append(item(list[i]));
      feed.prepend(fragment);
      while (feed.children.length > max) feed.lastElementChild.remove();
      shown += list.length;
      summary();
    });
    source.addEventListener('skipped', (event) => {
      try { skipped += Number(JSON.parse(event.data).skipped) || 0; } catch { return; }
      summary();
    });
    source.addEventListener('end', () => {
      source.close();
      say('The session has ended. Sign in again to follow the feed.');
    });
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) say('Disconnected. Reload the page to follow the feed again.');
      else say('Connection lost; reconnecting…');
    });
  }

  // The overview's decisions per minute, refreshed every 5 seconds while the page is open.
  for (const figure of document.querySelectorAll('[data-live-rate]')) {
    const value = figure.querySelector('dd');
    const refresh = async () => {
      try {
        const r = await fetch(figure.dataset.liveRate, { headers: { Accept: 'application/json' }, redirect: 'error' });
        if (!r.ok) return;
        const body = await r.json();
        if (typeof body.decisions_per_minute === 'number') value.textContent = String(body.decisions_per_minute);
      } catch {
        // signed out or offline: keep the last figure
      }
    };
    setInterval(refresh, 5000);
  }
})();
