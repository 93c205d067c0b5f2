#!/usr/bin/env node
// js_client.js: a conformance client for a greeter function service (example/person and
// example/greeter with the Go playground's greetings), written with the official JavaScript
// SDK (apache-flink-statefun 3.3.0). Requests are built, and answers read, with the SDK's own
// generated protobuf classes (ToFunction, FromFunction, ...); int state values and JSON
// arguments are encoded with the SDK's own types (StateFun.intType(), StateFun.jsonType()).
//
// Usage:
//   node js_client.js --url http://127.0.0.1:PORT/statefun
//   node js_client.js --spawn PATH_TO_GREETER
// --spawn starts PATH_TO_GREETER --address 127.0.0.1 --port 0, waits (at most 30 s) for a
// stderr line matching /listening on http:\/\/[^\s]+:(\d+)\//, runs the checks against
// http://127.0.0.1:PORT with the path printed on that line, then stops it with SIGTERM. Its
// stdout and stderr are copied to this script's stderr.
//
// Prints "ok NAME" or "not ok NAME: expected ..., got ..." per check, then a "# " summary line.
// Exit status: 0 if every check passed, 1 otherwise, 2 on bad usage.
"use strict";

const http = require("http");
const readline = require("readline");
const { spawn } = require("child_process");
const { isDeepStrictEqual } = require("util");
const { StateFun } = require("apache-flink-statefun");
const {
  Address, FromFunction, ToFunction, TypedValue,
} = require("apache-flink-statefun/dist/generated/request-reply_pb");

const IntType = StateFun.intType();
const GreetRequestType = StateFun.jsonType("example/GreetRequest");
const EgressRecordType = StateFun.jsonType("io.statefun.playground/EgressRecord");

const { MutationType } = FromFunction.PersistedValueMutation;
const { ExpireMode } = FromFunction.ExpirationSpec;

const REQUEST_TIMEOUT_MS = 10000;
const SPAWN_TIMEOUT_MS = 30000;
const STOP_TIMEOUT_MS = 5000;
const LISTENING = /listening on http:\/\/[^\s]+:(\d+)(\/\S*)/;

// ------------------------------------------------------------------------------------------
// Building requests
// ------------------------------------------------------------------------------------------

function address(namespace, type, id) {
  const pb = new Address();
  pb.setNamespace(namespace);
  pb.setType(type);
  pb.setId(id);
  return pb;
}

function typedValue(type, value) {
  const pb = new TypedValue();
  pb.setTypename(type.typename);
  pb.setHasValue(true);
  pb.setValue(type.serialize(value));
  return pb;
}

// state: [name, TypedValue or null]; null sends the name alone, as the runtime does for a
// registered state without a value. invocations: {caller: Address or undefined, argument}.
function toFunction(target, state, invocations) {
  const batch = new ToFunction.InvocationBatchRequest();
  batch.setTarget(target);
  for (const [name, value] of state) {
    const persisted = new ToFunction.PersistedValue();
    persisted.setStateName(name);
    if (value !== null) persisted.setStateValue(value);
    batch.addState(persisted);
  }
  for (const { caller, argument } of invocations) {
    const invocation = new ToFunction.Invocation();
    if (caller !== undefined) invocation.setCaller(caller);
    invocation.setArgument(argument);
    batch.addInvocations(invocation);
  }
  const request = new ToFunction();
  request.setInvocation(batch);
  return request.serializeBinary();
}

// A batch for example/greeter/<name>, one invocation per visits value, sent by example/person.
function greeterRequest(name, visitsList) {
  return toFunction(address("example", "greeter", name), [], visitsList.map((visits) => ({
    caller: address("example", "person", name),
    argument: typedValue(GreetRequestType, { name, visits }),
  })));
}

// One ingress message (no caller) for example/person/<name>.
function personRequest(name, state) {
  return toFunction(address("example", "person", name), state,
    [{ argument: typedValue(GreetRequestType, { name }) }]);
}

// ------------------------------------------------------------------------------------------
// Reading answers
// ------------------------------------------------------------------------------------------

class Failure extends Error {}

function show(value) {
  if (value instanceof Uint8Array) return `bytes ${Buffer.from(value).toString("hex") || "(none)"}`;
  return value === undefined ? "nothing" : JSON.stringify(value);
}

function expectEqual(what, expected, got) {
  if (!isDeepStrictEqual(expected, got)) {
    throw new Failure(`expected ${what} ${show(expected)}, got ${show(got)}`);
  }
}

// The name of a number in one of the generated enums (ResponseCase, MutationType, ...).
function enumName(generatedEnum, number) {
  const entry = Object.entries(generatedEnum).find(([, value]) => value === number);
  return entry === undefined ? number : entry[0];
}

function expectCount(what, expected, list) {
  expectEqual(`number of ${what}`, expected, list.length);
}

function parseJson(what, type, pbTypedValue) {
  const bytes = Buffer.from(pbTypedValue.getValue_asU8());
  try {
    return type.deserialize(bytes);
  } catch {
    throw new Failure(`expected ${what} to be JSON, got ${show(bytes)}`);
  }
}

function fromFunction(response, expectedCase) {
  expectEqual("HTTP status", 200, response.status);
  expectEqual("content-type", "application/octet-stream", response.contentType);
  let answer;
  try {
    answer = FromFunction.deserializeBinary(response.body);
  } catch {
    throw new Failure(`expected a FromFunction body, got ${show(response.body)}`);
  }
  const { ResponseCase } = FromFunction;
  expectEqual("response", enumName(ResponseCase, expectedCase),
    enumName(ResponseCase, answer.getResponseCase()));
  return answer;
}

// The invocation_result, after checking that it has only what the caller allows.
function invocationResult(response, { messages = 0, egresses = 0, mutations = 0 }) {
  const result = fromFunction(response, FromFunction.ResponseCase.INVOCATION_RESULT)
    .getInvocationResult();
  expectCount("outgoing messages", messages, result.getOutgoingMessagesList());
  expectCount("delayed invocations", 0, result.getDelayedInvocationsList());
  expectCount("egress messages", egresses, result.getOutgoingEgressesList());
  expectCount("state mutations", mutations, result.getStateMutationsList());
  return result;
}

// The records of the greeter's egress messages, after checking their envelopes.
function egressRecords(response, count) {
  return invocationResult(response, { egresses: count }).getOutgoingEgressesList().map((egress) => {
    expectEqual("egress", "io.statefun.playground/egress",
      `${egress.getEgressNamespace()}/${egress.getEgressType()}`);
    const argument = egress.getArgument() ?? new TypedValue();
    expectEqual("egress typename", EgressRecordType.typename, argument.getTypename());
    expectEqual("egress has_value", true, argument.getHasValue());
    return parseJson("the egress record", EgressRecordType, argument);
  });
}

// The answer of example/person/George: MODIFY visits and a GreetRequest to the greeter.
function expectPersonAnswer(response, visits) {
  const result = invocationResult(response, { messages: 1, mutations: 1 });

  const mutation = result.getStateMutationsList()[0];
  expectEqual("mutated state", "visits", mutation.getStateName());
  expectEqual("mutation type", "MODIFY", enumName(MutationType, mutation.getMutationType()));
  const value = mutation.getStateValue() ?? new TypedValue();
  expectEqual("state typename", IntType.typename, value.getTypename());
  expectEqual("state has_value", true, value.getHasValue());
  expectEqual("state value", IntType.serialize(visits), value.getValue_asU8());
  expectEqual("decoded state value", visits, IntType.deserialize(Buffer.from(value.getValue_asU8())));

  const message = result.getOutgoingMessagesList()[0];
  const target = message.getTarget() ?? new Address();
  expectEqual("message target", "example/greeter/George",
    `${target.getNamespace()}/${target.getType()}/${target.getId()}`);
  const argument = message.getArgument() ?? new TypedValue();
  expectEqual("message typename", GreetRequestType.typename, argument.getTypename());
  expectEqual("message has_value", true, argument.getHasValue());
  expectEqual("message", { name: "George", visits },
    parseJson("the message", GreetRequestType, argument));
}

// ------------------------------------------------------------------------------------------
// The checks
// ------------------------------------------------------------------------------------------

// The Go playground greeter's texts, which the statefun-cpp greeter follows.
function expectedGreeting(name, visits) {
  switch (visits) {
    case 1: return `Welcome ${name}`;
    case 2: return `Nice to see you again ${name}`;
    case 3: return `Third time is the charm ${name}`;
    default: return `Nice to see you for the ${visits}-th time ${name}!`;
  }
}

function checks() {
  const list = [];
  const check = (name, run) => list.push({ name, run });

  for (const visits of [1, 2, 3, 4, 5]) {
    check(`greeter visits=${visits}`, async (post) => {
      const [record] = egressRecords(await post(greeterRequest("George", [visits])), 1);
      const payload = expectedGreeting("George", visits);
      expectEqual("egress record", { topic: "greetings", payload }, record);
    });
  }

  for (const visits of [-1, 0, 2 ** 31, 2 ** 40]) {
    check(`greeter visits=${visits} answered`, async (post) => {
      const [record] = egressRecords(await post(greeterRequest("George", [visits])), 1);
      expectEqual("topic", "greetings", record?.topic);
      const payload = String(record.payload);
      if (!payload.endsWith("George") && !payload.endsWith("George!")) {
        throw new Failure(
          `expected a payload ending with "George" or "George!", got ${show(record.payload)}`);
      }
    });
  }

  check("greeter batch of three invocations", async (post) => {
    const records = egressRecords(await post(greeterRequest("George", [1, 2, 3])), 3);
    expectEqual("payloads", [1, 2, 3].map((visits) => expectedGreeting("George", visits)),
      records.map((record) => record.payload));
  });

  for (const name of ["Zoë 李雷 🚀", "<&>\"' \\ O'Brien"]) {
    check(`greeter name round-trip ${JSON.stringify(name)}`, async (post) => {
      const [record] = egressRecords(await post(greeterRequest(name, [1])), 1);
      expectEqual("payload", expectedGreeting(name, 1), record.payload);
    });
  }

  check("person without state: incomplete invocation context", async (post) => {
    const answer = fromFunction(await post(personRequest("George", [])),
      FromFunction.ResponseCase.INCOMPLETE_INVOCATION_CONTEXT);
    const missing = answer.getIncompleteInvocationContext().getMissingValuesList();
    expectCount("missing values", 1, missing);
    const [spec] = missing;
    expectEqual("state_name", "visits", spec.getStateName());
    expectEqual("type_typename", IntType.typename, spec.getTypeTypename());
    const expiration = spec.getExpirationSpec() ?? new FromFunction.ExpirationSpec();
    expectEqual("expiration mode", "NONE", enumName(ExpireMode, expiration.getMode()));
    expectEqual("expire_after_millis", 0, expiration.getExpireAfterMillis());
  });

  check("person with visits present but without value", async (post) => {
    expectPersonAnswer(await post(personRequest("George", [["visits", null]])), 1);
  });

  check("person with visits=2", async (post) => {
    const visits = typedValue(IntType, 2);
    expectPersonAnswer(await post(personRequest("George", [["visits", visits]])), 3);
  });

  check("unknown function type example/nobody", async (post) => {
    const response = await post(toFunction(address("example", "nobody", "George"), [],
      [{ argument: typedValue(GreetRequestType, { name: "George" }) }]));
    expectEqual("HTTP status", 500, response.status);
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(response.body);
    } catch {
      throw new Failure(`expected a UTF-8 text body, got ${show(response.body)}`);
    }
    if (text.trim() === "") throw new Failure(`expected a non-empty text body, got ${show(text)}`);
  });

  check("malformed body", async (post) => {
    const response = await post(Uint8Array.of(0xff, 0xff, 0xff));
    expectEqual("HTTP status", 400, response.status);
  });

  return list;
}

// ------------------------------------------------------------------------------------------
// HTTP, spawning and the command line
// ------------------------------------------------------------------------------------------

// Returns post(bytes) -> {status, contentType, body}, over one keep-alive connection.
function poster(url, agent) {
  return (bytes) => new Promise((resolve, reject) => {
    const fail = (err) => reject(
      err instanceof Failure ? err : new Failure(`expected an answer, got ${err.message}`));
    const request = http.request(url, {
      method: "POST",
      agent,
      headers: {
        "Content-Type": "application/octet-stream",
        Accept: "application/octet-stream",
        "Content-Length": bytes.length,
      },
      timeout: REQUEST_TIMEOUT_MS,
    }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("error", fail);
      response.on("end", () => resolve({
        status: response.statusCode,
        contentType: response.headers["content-type"],
        body: Buffer.concat(chunks),
      }));
    });
    request.on("timeout", () => request.destroy(
      new Failure(`expected an answer within ${REQUEST_TIMEOUT_MS} ms, got none`)));
    request.on("error", fail);
    request.end(Buffer.from(bytes));
  });
}

async function runChecks(url) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const post = poster(url, agent);
  const list = checks();
  let passed = 0;
  for (const { name, run } of list) {
    try {
      await run(post);
      passed += 1;
      process.stdout.write(`ok ${name}\n`);
    } catch (err) {
      const reason = err instanceof Failure ? err.message : `expected no exception, got ${err.stack}`;
      process.stdout.write(`not ok ${name}: ${reason}\n`);
    }
  }
  agent.destroy();
  process.stdout.write(`# ${passed}/${list.length} checks passed against ${url}\n`);
  return passed === list.length;
}

// Starts the binary and resolves {child, url} once it prints its listening line.
function startServer(binary) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ["--address", "127.0.0.1", "--port", "0"],
      { stdio: ["ignore", 2, "pipe"] });
    let listening = false;
    const fail = (reason) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      child.stderr.destroy();
      reject(new Error(reason));
    };
    const timer = setTimeout(
      () => fail(`expected a "listening on http://HOST:PORT/" line within ${SPAWN_TIMEOUT_MS} ms, got none`),
      SPAWN_TIMEOUT_MS);
    child.on("error", (err) => fail(`expected ${binary} to start, got ${err.message}`));
    child.on("exit", (code, signal) => {
      if (!listening) fail(`expected ${binary} to listen, got an exit (${signal ?? `status ${code}`})`);
    });
    readline.createInterface({ input: child.stderr, crlfDelay: Infinity }).on("line", (line) => {
      process.stderr.write(`${line}\n`);
      const match = !listening && LISTENING.exec(line);
      if (match) {
        listening = true;
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${match[1]}${match[2]}` });
      }
    });
  });
}

// Sends SIGTERM, and SIGKILL if the process is still there after STOP_TIMEOUT_MS. Stops
// reading its stderr then, which a process it left behind may still hold open.
function stopServer(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      child.stderr.destroy();
      resolve();
      return;
    }
    const timer = setTimeout(() => {
      process.stderr.write(`js_client: the greeter ignored SIGTERM for ${STOP_TIMEOUT_MS} ms, killing it\n`);
      child.kill("SIGKILL");
    }, STOP_TIMEOUT_MS);
    child.on("exit", () => {
      clearTimeout(timer);
      child.stderr.destroy();
      resolve();
    });
    child.kill("SIGTERM");
  });
}

const USAGE = "usage: node js_client.js --url http://127.0.0.1:PORT/statefun\n"
  + "       node js_client.js --spawn PATH_TO_GREETER";

function parseArgs(argv) {
  if (argv.length === 1 && (argv[0] === "-h" || argv[0] === "--help")) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const [flag, value] = argv;
  let problem = null;
  if (argv.length !== 2 || (flag !== "--url" && flag !== "--spawn")) {
    problem = "expected exactly one of --url URL or --spawn PATH";
  } else if (flag === "--url" && !/^http:\/\/[^/\s]+(\/\S*)?$/.test(value)) {
    problem = `expected an http:// URL, got '${value}'`;
  }
  if (problem !== null) {
    process.stderr.write(`js_client: ${problem}\n${USAGE}\n`);
    process.exit(2);
  }
  return flag === "--url" ? { url: value } : { spawn: value };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.url !== undefined) {
    return runChecks(options.url);
  }
  let server;
  try {
    server = await startServer(options.spawn);
  } catch (err) {
    process.stdout.write(`not ok spawn ${options.spawn}: ${err.message}\n`);
    return false;
  }
  try {
    return await runChecks(server.url);
  } finally {
    await stopServer(server.child);
  }
}

main().then((allPassed) => {
  process.exitCode = allPassed ? 0 : 1;
}, (err) => {
  process.stderr.write(`js_client: ${err.stack}\n`);
  process.exitCode = 1;
});
