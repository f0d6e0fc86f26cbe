import { createServer, Server, Socket } from "node:net";
import { listenOnLoopback } from "../support/loopback";

/** Stands in for the region's real host: a proxy that counts connections and closes them. */
export async function startSink(): Promise<{
  port: number;
  attempts: () => number;
  stop: () => Promise<void>;
}> {
  let attempts = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    attempts += 1;
    // What a corporate proxy says to a host it may not reach: refused, at once.
    socket.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const port = await listenOnLoopback(server);
  return {
    port,
    attempts: () => attempts,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
