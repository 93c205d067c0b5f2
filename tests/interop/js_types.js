#!/usr/bin/env node
// js_types.js: the encodings of the built-in StateFun types as the official JavaScript SDK
// (apache-flink-statefun 3.3.0) produces and reads them, for comparison with statefun-cpp.
//
// Usage:
//   node js_types.js encode   prints one JSON line per case of a fixed corpus:
//                               {"typename":"io.statefun.types/int","value":1,"hex":"0d01000000"}
//   node js_types.js decode   reads such lines on stdin (only "typename" and "hex" are used)
//                             and prints {"typename","value","hex"} with "value" decoded
// Exit status: 0 on success, 1 on a line it cannot decode, 2 on bad usage.
//
// The SDK has Types for bool, int, float and string (StateFun.booleanType() etc.). It has none
// for long and double ("not supported in JavaScript"), so those two use the SDK's own
// generated wrapper messages (LongWrapper: sfixed64, DoubleWrapper: double). A long is a JS
// number, so only |v| <= 2^53 - 1 (Number.MAX_SAFE_INTEGER) round-trips; larger values make the
// protobuf runtime throw. Zero values (0, false, "") encode to zero bytes: "hex" is "".
"use strict";

const readline = require("readline");
const { StateFun } = require("apache-flink-statefun");
const { LongWrapper, DoubleWrapper } = require("apache-flink-statefun/dist/generated/types_pb");

function wrapperType(typename, Wrapper) {
  return StateFun.customType(
    typename,
    (value) => {
      const wrapper = new Wrapper();
      wrapper.setValue(value);
      return wrapper.serializeBinary();
    },
    (bytes) => Wrapper.deserializeBinary(bytes).getValue());
}

const TYPES = new Map([
  StateFun.booleanType(),
  StateFun.intType(),
  wrapperType("io.statefun.types/long", LongWrapper),
  StateFun.floatType(),
  wrapperType("io.statefun.types/double", DoubleWrapper),
  StateFun.stringType(),
].map((type) => [type.typename, type]));

const CORPUS = [
  ["io.statefun.types/bool", [true, false]],
  ["io.statefun.types/int", [0, 1, -1, 2147483647, -2147483648]],
  ["io.statefun.types/long",
    [0, 1, -1, 2 ** 31, 2 ** 40, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]],
  ["io.statefun.types/float", [0, 1, -1.5]],
  ["io.statefun.types/double", [0, 1, -1.5, 1e300]],
  ["io.statefun.types/string", ["", "hi", "héllo ✓"]],
];

function line(typename, value, hex) {
  return `${JSON.stringify({ typename, value, hex })}\n`;
}

function encode() {
  for (const [typename, values] of CORPUS) {
    const type = TYPES.get(typename);
    for (const value of values) {
      process.stdout.write(line(typename, value, Buffer.from(type.serialize(value)).toString("hex")));
    }
  }
}

async function decode() {
  let number = 0;
  for await (const text of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    number += 1;
    if (text.trim() === "") continue;
    try {
      const { typename, hex } = JSON.parse(text);
      const type = TYPES.get(typename);
      if (type === undefined) throw new Error(`unknown typename ${JSON.stringify(typename)}`);
      if (typeof hex !== "string" || !/^([0-9a-fA-F]{2})*$/.test(hex)) {
        throw new Error(`"hex" must be a string of hex digit pairs`);
      }
      let value;
      try {
        value = type.deserialize(Buffer.from(hex, "hex"));
      } catch (err) {
        throw new Error(`cannot decode ${hex} as ${typename} (${err.message})`);
      }
      process.stdout.write(line(typename, value, hex));
    } catch (err) {
      process.stderr.write(`js_types: line ${number}: ${err.message}\n`);
      process.exitCode = 1;
      return;
    }
  }
}

const mode = process.argv[2];
if (process.argv.length !== 3 || (mode !== "encode" && mode !== "decode")) {
  process.stderr.write("usage: node js_types.js encode|decode\n");
  process.exit(2);
}
if (mode === "encode") {
  encode();
} else {
  decode();
}
