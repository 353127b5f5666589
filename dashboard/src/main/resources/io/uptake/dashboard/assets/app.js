'use strict';

/**
 * What every page shares: the signed-in account, the filters kept in the URL, the API calls, number
 * formats and ECharts set-up. Each page script calls Uptake.start(render) with its own drawing code.
 */
const Uptake = (() => {
  const ALL = '__all__';
  const charts = new Map();

  class NoSnapshot extends Error {}

  async function api(path, params) {
    const query = new URLSearchParams();
    Object.entries(params || {}).forEach(([key, value]) => { if (value) query.set(key, value); });
    const url = query.toString() ? `${path}?${query}` : path;
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (response.status === 401) {
      location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search));
      throw new Error('not signed in');
    }
    const body = await response.json().catch(() => ({}));
    if (response.status === 503 && body.error === 'no_snapshot') {
      throw new NoSnapshot(body.message);
    }
    if (!response.ok) {
      throw new Error(body.message || `${response.status} ${response.statusText}`);
    }
    return body;
  }

  /** The filters of the URL: ?team=&from=&to= */
  function filters() {
    const query = new URLSearchParams(location.search);
    return { team: query.get('team') || '', from: query.get('from') || '', to: query.get('to') || '' };
  }

  function setFilter(name, value) {
    const query = new URLSearchParams(location.search);
    if (value) query.set(name, value); else query.delete(name);
    history.pushState(null, '', `${location.pathname}${query.toString() ? '?' + query : ''}`);
  }

  const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

  function fmtInt(value) { return value === null || value === undefined ? '–' : integer.format(value); }
  function fmtPct(value) { return value === null || value === undefined ? '–' : percent.format(value); }
  function teamName(team) { return team === ALL ? 'Whole organisation' : team; }

  function tiles(element, items) {
    element.replaceChildren(...items.map((item) => {
      const tile = document.createElement('div');
      tile.className = 'tile';
      tile.dataset.tile = item.id;
      const label = document.createElement('div');
      label.className = 'label';
      label.textContent = item.label;
      const value = document.createElement('div');
      value.className = 'value';
      value.textContent = item.value;
      tile.append(label, value);
      if (item.detail) {
        const detail = document.createElement('div');
        detail.className = 'detail';
        detail.textContent = item.detail;
        tile.append(detail);
      }
      return tile;
    }));
  }

  /** A table from column definitions {key, label, num, format} and rows. */
  function table(element, columns, rows) {
    const head = document.createElement('tr');
    columns.forEach((column) => {
      const th = document.createElement('th');
      th.textContent = column.label;
      if (column.num) th.className = 'num';
      head.append(th);
    });
    const body = rows.map((row) => {
      const tr = document.createElement('tr');
      columns.forEach((column) => {
        const td = document.createElement('td');
        const value = row[column.key];
        td.textContent = column.format ? column.format(value) : (value === null || value === undefined ? '–' : value);
        if (column.num) td.className = 'num';
        tr.append(td);
      });
      return tr;
    });
    const thead = document.createElement('thead');
    thead.append(head);
    const tbody = document.createElement('tbody');
    tbody.append(...body);
    element.replaceChildren(thead, tbody);
  }

  /** Draws (or redraws) the chart in the element with the id; the element's data-drawn marks it drawn. */
  function chart(id, option) {
    const element = document.getElementById(id);
    let instance = charts.get(id);
    if (!instance) {
      instance = echarts.init(element);
      instance.on('finished', () => { element.dataset.drawn = 'true'; });
      charts.set(id, instance);
    }
    // A legend sits above the plot, so the plot starts lower.
    instance.setOption(Object.assign({
      animation: false,
      grid: { left: 56, right: 24, top: option.legend ? 60 : 36, bottom: 40, containLabel: false },
      tooltip: { trigger: 'axis' },
      toolbox: { feature: { saveAsImage: { title: 'Save as image' } } },
    }, option), true);
  }

  window.addEventListener('resize', () => charts.forEach((instance) => instance.resize()));

  async function header() {
    const me = await api('/api/v1/me');
    document.getElementById('who').textContent = `${me.username} · ${me.role}`;
    document.getElementById('signout').addEventListener('click', async () => {
      await fetch('/api/v1/logout', { method: 'POST' });
      location.assign('/login');
    });
    const page = document.body.dataset.page;
    document.querySelectorAll('[data-nav]').forEach((a) => {
      a.classList.toggle('active', a.dataset.nav === page);
      a.addEventListener('click', (event) => {
        event.preventDefault();
        location.assign(a.getAttribute('href') + location.search);
      });
    });
    return me;
  }

  /** Fills the team selector and date inputs from the data, and wires them to the URL. */
  function bindFilters(data, reload) {
    const select = document.getElementById('team');
    const teams = data.teams.map((t) => t.team);
    const options = (select.dataset.scope === 'lead' ? teams : [ALL, ...teams]);
    select.replaceChildren(...options.map((team) => new Option(teamName(team), team)));
    select.value = data.selection.team;
    document.getElementById('from').value = data.selection.from;
    document.getElementById('to').value = data.selection.to;
    document.getElementById('asof').textContent = `Data as of ${data.as_of}`;
    if (!select.dataset.bound) {
      select.dataset.bound = 'true';
      select.addEventListener('change', () => { setFilter('team', select.value); reload(); });
      ['from', 'to'].forEach((name) => {
        document.getElementById(name).addEventListener('change', (event) => { setFilter(name, event.target.value); reload(); });
      });
      window.addEventListener('popstate', reload);
    }
  }

  function showEmpty(message) {
    const empty = document.getElementById('empty');
    empty.textContent = message;
    empty.hidden = false;
    document.getElementById('content').hidden = true;
  }

  /** Runs a page: header, then fetch + draw, again on every filter change. */
  async function start(path, render) {
    const me = await header();
    document.getElementById('team').dataset.scope = me.role;
    const reload = async () => {
      try {
        const data = await api(path, filters());
        document.getElementById('empty').hidden = true;
        document.getElementById('content').hidden = false;
        bindFilters(data, reload);
        render(data, me);
        document.body.dataset.ready = 'true';
      } catch (error) {
        if (error instanceof NoSnapshot) {
          showEmpty(`No data yet. ${error.message}`);
        } else {
          showEmpty(`Cannot load this page: ${error.message}`);
        }
        document.body.dataset.ready = 'true';
      }
    };
    await reload();
  }

  return { ALL, api, chart, fmtInt, fmtPct, start, table, teamName, tiles };
})();
