#!/usr/bin/env node
// js_request.js: writes the reference request, built with the official JavaScript SDK's own
// generated classes and JSON type, to standard output as ToFunction bytes: target
// example/greeter/George, one invocation, argument example/GreetRequest {"name":"George","visits":3}.
//
//   node tests/interop/js_request.js > request.bin
//   curl -s --data-binary @request.bin -H 'Content-Type: application/octet-stream' URL | protoc --decode_raw
//
// Usage: node js_request.js [--name NAME] [--visits N]
"use strict";

const { StateFun } = require("apache-flink-statefun");
const { Address, ToFunction, TypedValue } = require("apache-flink-statefun/dist/generated/request-reply_pb");

function parseArgs(argv) {
  const options = { name: "George", visits: 3 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === "--name" && value !== undefined) options.name = value;
    else if (flag === "--visits" && /^-?\d+$/.test(value ?? "")) options.visits = Number(value);
    else {
      process.stderr.write(`js_request.js: bad argument '${flag}'; usage: js_request.js [--name NAME] [--visits N]\n`);
      process.exit(2);
    }
  }
  return options;
}

const { name, visits } = parseArgs(process.argv.slice(2));
const greetRequest = StateFun.jsonType("example/GreetRequest");

const target = new Address();
target.setNamespace("example");
target.setType("greeter");
target.setId(name);

const argument = new TypedValue();
argument.setTypename(greetRequest.typename);
argument.setHasValue(true);
argument.setValue(greetRequest.serialize({ name, visits }));

const invocation = new ToFunction.Invocation();
invocation.setArgument(argument);
const batch = new ToFunction.InvocationBatchRequest();
batch.setTarget(target);
batch.addInvocations(invocation);
const request = new ToFunction();
request.setInvocation(batch);

process.stdout.write(Buffer.from(request.serializeBinary()));
