// The ceiling the framework and Node allow on this machine: a bare Hono JSON endpoint on
// @hono/node-server, in its own process like the server under test. Prints its port.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/json', (c) => c.json({ hello: 'world' }));
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`listening ${info.port}`));
