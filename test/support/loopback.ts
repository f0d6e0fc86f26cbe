import { AddressInfo, Server, createServer } from "node:net";

// Servers of the tests' own (HTTP stand-ins, proxies) on 127.0.0.1, at ports the OS picks.

/** Starts `server` (net or http) listening on 127.0.0.1 at a free port; resolves with the port. */
export async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** A loopback port that nothing listens on: one the OS just handed out and took back. */
export async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listenOnLoopback(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
