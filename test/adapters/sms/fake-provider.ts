import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface ProviderRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ProviderReply {
  status?: number;
  json: unknown;
}

/**
 * An SMS provider played on 127.0.0.1: records every request and answers what `reply` says, so a
 * test points the real SDK at it and checks both what was sent and how the answer is read.
 */
export async function fakeProvider(reply: (request: ProviderRequest) => ProviderReply) {
  const requests: ProviderRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: new URL(req.url ?? '/', 'http://127.0.0.1'), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      const { status = 200, json } = reply(request);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeProvider = Awaited<ReturnType<typeof fakeProvider>>;

/** A port on loopback that nothing listens on: connections are refused at once. */
export async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** The invitation SMS as the sweeper writes it, with a link of the longest real shape. */
export const message = {
  to: '13812345678',
  body: '【长春新区营商办】问题已办结，请评价：https://hf.example.gov.cn/s/AbCdEfGhIjKlMnOpQrStUv',
  invitationId: '01JEXAMPLEINVITATION00001',
};
export const at = new Date('2026-11-30T02:00:00.000Z');

/** The same invitation in code mode: the fixed entry page and a code, which templates carry instead of a link. */
export const codeMessage = {
  to: '13812345678',
  body: '【长春新区营商办】问题已办结，请打开 https://hf.example.gov.cn/c 输入评价码K7QM2PXA',
  invitationId: '01JEXAMPLEINVITATION00001',
  link: 'https://hf.example.gov.cn/c',
  code: 'K7QM2PXA',
};
