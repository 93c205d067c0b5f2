#!/usr/bin/env node
// js_greeter.js: the playground greeter written with the official JavaScript SDK
// (apache-flink-statefun 3.3.0), served as a remote function endpoint. It is the peer
// function service of the interop tests: statefun-cpp's client side talks to it.
//
//   example/person   state "visits" (io.statefun.types/int, no expiration). On a
//                    GreetRequest {"name"}: visits + 1, stores it, and sends
//                    example/GreetRequest {"name", "visits"} to example/greeter/<name>.
//   example/greeter  on a GreetRequest: sends io.statefun.playground/EgressRecord
//                    {"topic": "greetings", "payload": <greeting>} to the egress
//                    io.statefun.playground/egress. The greetings are the JavaScript
//                    playground's (they differ from the Go ones).
//
// Usage: node js_greeter.js [--host 127.0.0.1] [--port 0] [--path /statefun]
// --address is another name for --host, so that the script starts like the statefun-cpp
// greeter (e.g. under js_client.js --spawn). Port 0 picks a free port. Once listening, it
// prints exactly one line to stderr:
//   js-greeter: listening on http://HOST:PORT/PATH
// POST on PATH goes to the SDK's handler; another method there gets 405, another path 404.
// SIGTERM and SIGINT close the server and the process exits with status 0.
"use strict";

const http = require("http");
const { StateFun, messageBuilder, egressMessageBuilder } = require("apache-flink-statefun");

const GreetRequestType = StateFun.jsonType("example/GreetRequest");
const EgressRecordType = StateFun.jsonType("io.statefun.playground/EgressRecord");

function greeting(name, visits) {
  switch (visits) {
    case 0: return "";
    case 1: return `Welcome ${name}`;
    case 2: return `Nice to see you again ${name}`;
    case 3: return `Third time is a charm ${name}`;
    default: return `Nice to see you at the ${visits}-nth time ${name}!`;
  }
}

function person(context, message) {
  const visits = (context.storage.visits ?? 0) + 1;
  context.storage.visits = visits;

  const request = message.as(GreetRequestType);
  request.visits = visits;
  context.send(messageBuilder({
    typename: "example/greeter",
    id: request.name,
    value: request,
    valueType: GreetRequestType,
  }));
}

function greeter(context, message) {
  const { name, visits } = message.as(GreetRequestType);
  context.send(egressMessageBuilder({
    typename: "io.statefun.playground/egress",
    value: { topic: "greetings", payload: greeting(name, visits) },
    valueType: EgressRecordType,
  }));
}

const USAGE = "usage: node js_greeter.js [--host 127.0.0.1] [--port 0] [--path /statefun]";

function usageError(problem) {
  process.stderr.write(`js-greeter: ${problem}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { host: "127.0.0.1", port: 0, path: "/statefun" };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === "-h" || flag === "--help") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    if (value === undefined) usageError(`missing value for ${flag}`);
    switch (flag) {
      case "--host":
      case "--address": options.host = value; break;
      case "--port":
        if (!/^\d+$/.test(value) || Number(value) > 65535) usageError(`bad port '${value}'`);
        options.port = Number(value);
        break;
      case "--path":
        if (!value.startsWith("/")) usageError(`the path must start with '/', got '${value}'`);
        options.path = value;
        break;
      default: usageError(`unknown option '${flag}'`);
    }
  }
  return options;
}

function main() {
  const options = parseArgs(process.argv.slice(2));

  const statefun = new StateFun();
  statefun.bind({
    typename: "example/person",
    fn: person,
    specs: [{ name: "visits", type: StateFun.intType() }],
  });
  statefun.bind({ typename: "example/greeter", fn: greeter });
  const handle = statefun.handler();

  const server = http.createServer((req, res) => {
    const path = req.url.split("?")[0];
    if (path !== options.path) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found\n");
    } else if (req.method !== "POST") {
      res.writeHead(405, { "Content-Type": "text/plain", Allow: "POST" }).end("method not allowed\n");
    } else {
      handle(req, res);
    }
  });

  server.on("error", (err) => {
    process.stderr.write(`js-greeter: ${err.message}\n`);
    process.exit(1);
  });

  server.listen(options.port, options.host, () => {
    const { port } = server.address();
    const host = options.host.includes(":") ? `[${options.host}]` : options.host;
    process.stderr.write(`js-greeter: listening on http://${host}:${port}${options.path}\n`);
  });

  const stop = () => {
    server.close();
    server.closeAllConnections();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main();
