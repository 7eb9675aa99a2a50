'use strict';

// Byte-level interop oracle for the in-house C# Avro codec (CloudScale.BuildingBlocks.Avro).
// The xunit fixture starts `node oracle.js` once and talks JSON lines over stdin/stdout:
//
//   {"op":"encode","schema":S,"value":V}                     -> {"hex":"..."}
//   {"op":"decode","schema":S,"hex":"..."}                    -> {"value":V}
//   {"op":"decode","schema":WRITER,"reader":READER,"hex":".."}-> {"value":V}   (schema resolution)
//   {"op":"canonical","schema":S}                             -> {"canonical":"...","md5":"hex"}
//   {"op":"resolve","schema":WRITER,"reader":READER}          -> {"compatible":true} | {"compatible":false,"reason":"..."}
//   anything failing                                          -> {"error":"message"}
//
// Value transport (JSON cannot carry every Avro value exactly):
//   null, boolean, int, string, enum symbol, array   plain JSON
//   float/double                                     JSON number; NaN/Infinity/-Infinity as {"$num":"NaN"}
//   long                                             {"$long":"-9223372036854775808"}  (decimal string: 64-bit exact)
//   bytes, fixed                                     {"$bytes":"00ff"}  (lowercase hex)
//   map                                              {"$map":{"key":V}}  (keeps maps apart from records)
//   record                                           {"field":V,...}
//   union                                            null, or {"<branch>":V} with avsc's branch name
//                                                    (type name, or fullname for named types)
//   decimal (bytes or fixed)                         {"$decimal":"-123.45"}  (exactly `scale` fraction digits)
//   uuid (string)                                    plain string, as on the wire
//   date (int)                                       {"$date":"2024-02-29"}
//   time-millis (int), time-micros (long)            {"$time":"13:45:10.1234560"}  (7 fraction digits)
//   timestamp-millis, timestamp-micros (long)        {"$timestamp":"2024-02-29T13:45:10.1234560Z"}  (7 fraction digits, UTC)
//
// The logical-type classes below are deliberately written from the specification, not from the C#
// code, so that the two implementations check each other.

const avro = require('avsc');
const readline = require('readline');

// avsc's default long is a JS number (53 bits); this one is exact over the whole 64-bit range.
const bigLong = avro.types.LongType.__with({
  fromBuffer: (buf) => buf.readBigInt64LE(0),
  toBuffer: (n) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(n, 0);
    return buf;
  },
  fromJSON: (json) => BigInt(json),
  toJSON: (n) => n.toString(),
  isValid: (n) => typeof n === 'bigint' && n >= -(2n ** 63n) && n < 2n ** 63n,
  compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
});

const EPOCH_DAY_MS = 86400000;

// A logical type's underlying long must be the exact one too; the typeHook below only sees plain longs.
function withExactLong(schema, opts) {
  return { ...opts, typeHook: (s, o) => (s === schema ? bigLong : opts.typeHook(s, o)) };
}

// Invalid logical types must fall back to the underlying type (specification); avsc does that when the
// constructor throws.
function requireType(schema, ...types) {
  if (!types.includes(schema.type)) throw new Error(`${schema.logicalType} cannot annotate ${schema.type}`);
}

class DecimalType extends avro.types.LogicalType {
  constructor(schema, opts) {
    requireType(schema, 'bytes', 'fixed');
    const scale = schema.scale === undefined ? 0 : schema.scale;
    if (!Number.isInteger(schema.precision) || schema.precision <= 0 || !Number.isInteger(scale) || scale < 0 || scale > schema.precision) {
      throw new Error('invalid decimal precision or scale');
    }
    super(schema, opts);
    this.precision = schema.precision;
    this.scale = schema.scale || 0;
    this.size = schema.size; // Only for fixed.
  }

  _fromValue(buf) {
    let unscaled = 0n;
    for (const b of buf) unscaled = (unscaled << 8n) | BigInt(b);
    if (buf.length > 0 && buf[0] & 0x80) unscaled -= 1n << BigInt(8 * buf.length);
    const negative = unscaled < 0n;
    let digits = (negative ? -unscaled : unscaled).toString().padStart(this.scale + 1, '0');
    const text = this.scale === 0 ? digits : `${digits.slice(0, -this.scale)}.${digits.slice(-this.scale)}`;
    return { $decimal: (negative ? '-' : '') + text };
  }

  _toValue(any) {
    if (!any || typeof any.$decimal !== 'string') return undefined;
    const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(any.$decimal);
    if (!match) return undefined;
    const fraction = (match[3] || '').padEnd(this.scale, '0');
    if (fraction.length > this.scale) return undefined;
    let unscaled = BigInt(match[2] + fraction);
    if (match[1]) unscaled = -unscaled;
    // Minimal two's-complement, big-endian; fixed sign-extends to its size.
    let length = 1;
    while (unscaled < -(1n << BigInt(8 * length - 1)) || unscaled >= 1n << BigInt(8 * length - 1)) length++;
    if (this.size !== undefined) {
      if (length > this.size) return undefined;
      length = this.size;
    }
    let twos = unscaled < 0n ? unscaled + (1n << BigInt(8 * length)) : unscaled;
    const buf = Buffer.alloc(length);
    for (let i = length - 1; i >= 0; i--) {
      buf[i] = Number(twos & 0xffn);
      twos >>= 8n;
    }
    return buf;
  }

  _resolve(writer) {
    return sameLogical(this, writer);
  }
}

class DateType extends avro.types.LogicalType {
  constructor(schema, opts) {
    requireType(schema, 'int');
    super(schema, opts);
  }

  _fromValue(days) {
    return { $date: new Date(days * EPOCH_DAY_MS).toISOString().slice(0, 10) };
  }

  _toValue(any) {
    if (!any || typeof any.$date !== 'string') return undefined;
    return Math.round(Date.parse(`${any.$date}T00:00:00Z`) / EPOCH_DAY_MS);
  }

  _resolve(writer) {
    return sameLogical(this, writer);
  }
}

// Fractions travel with 7 digits (100 ns, .NET's resolution); the unit decides how many count.
function parseFraction(fraction, unitsPerSecond) {
  const digits = unitsPerSecond === 1000 ? 3 : 6;
  return BigInt((fraction || '').padEnd(7, '0').slice(0, digits));
}

function formatFraction(units, unitsPerSecond) {
  const digits = unitsPerSecond === 1000 ? 3 : 6;
  return units.toString().padStart(digits, '0').padEnd(7, '0');
}

function floorDiv(a, b) {
  const q = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

class TimestampType extends avro.types.LogicalType {
  constructor(schema, opts) {
    requireType(schema, 'long');
    super(schema, withExactLong(schema, opts));
    this.unitsPerSecond = schema.logicalType === 'timestamp-millis' ? 1000n : 1000000n;
  }

  _fromValue(n) {
    const seconds = floorDiv(n, this.unitsPerSecond);
    const iso = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
    const units = n - seconds * this.unitsPerSecond;
    return { $timestamp: `${iso}.${formatFraction(units, Number(this.unitsPerSecond))}Z` };
  }

  _toValue(any) {
    if (!any || typeof any.$timestamp !== 'string') return undefined;
    const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(any.$timestamp);
    if (!match) return undefined;
    const seconds = BigInt(Date.parse(`${match[1]}Z`) / 1000);
    return seconds * this.unitsPerSecond + parseFraction(match[2], Number(this.unitsPerSecond));
  }

  _resolve(writer) {
    return sameLogical(this, writer);
  }
}

class TimeType extends avro.types.LogicalType {
  constructor(schema, opts) {
    const millis = schema.logicalType === 'time-millis';
    requireType(schema, millis ? 'int' : 'long');
    super(schema, millis ? opts : withExactLong(schema, opts));
    this.millis = millis;
  }

  _fromValue(n) {
    const units = BigInt(n);
    const perSecond = this.millis ? 1000n : 1000000n;
    const seconds = Number(units / perSecond);
    const hh = String(Math.floor(seconds / 3600)).padStart(2, '0');
    const mm = String(Math.floor(seconds / 60) % 60).padStart(2, '0');
    const ss = String(seconds % 60).padStart(2, '0');
    return { $time: `${hh}:${mm}:${ss}.${formatFraction(units % perSecond, Number(perSecond))}` };
  }

  _toValue(any) {
    if (!any || typeof any.$time !== 'string') return undefined;
    const match = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(any.$time);
    if (!match) return undefined;
    const perSecond = this.millis ? 1000 : 1000000;
    const seconds = BigInt(Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]));
    const units = seconds * BigInt(perSecond) + parseFraction(match[4], perSecond);
    return this.millis ? Number(units) : units;
  }

  _resolve(writer) {
    return sameLogical(this, writer);
  }
}

const LOGICAL_TYPES = {
  decimal: DecimalType,
  date: DateType,
  'time-millis': TimeType,
  'time-micros': TimeType,
  'timestamp-millis': TimestampType,
  'timestamp-micros': TimestampType,
};

function typeFor(schema) {
  return avro.Type.forSchema(schema, {
    registry: { long: bigLong }, // Covers "long" references; the hook covers {"type":"long"}.
    typeHook: (s) => (s && s.type === 'long' && !(s.logicalType in LOGICAL_TYPES) ? bigLong : undefined),
    wrapUnions: 'always',
    logicalTypes: LOGICAL_TYPES,
  });
}

const TAGS = ['$long', '$bytes', '$num', '$map'];

function fromTransport(json) {
  if (Array.isArray(json)) return json.map(fromTransport);
  if (json === null || typeof json !== 'object') return json;
  if ('$long' in json) return BigInt(json.$long);
  if ('$bytes' in json) return Buffer.from(json.$bytes, 'hex');
  if ('$num' in json) return Number(json.$num);
  if ('$map' in json) return fromTransport(json.$map);
  if (Object.keys(json).some((k) => k.startsWith('$') && !TAGS.includes(k))) return json; // Logical: its class reads it.
  return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, fromTransport(v)]));
}

function toTransport(type, value) {
  const name = type.typeName;
  if (name.startsWith('logical:')) return value; // _fromValue already produced the transport form.
  switch (name) {
    case 'abstract:long':
      return { $long: value.toString() };
    case 'float':
    case 'double':
      return Number.isFinite(value) ? value : { $num: String(value) };
    case 'bytes':
    case 'fixed':
      return { $bytes: value.toString('hex') };
    case 'array':
      return value.map((item) => toTransport(type.itemsType, item));
    case 'map':
      return { $map: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toTransport(type.valuesType, v)])) };
    case 'record':
      return Object.fromEntries(type.fields.map((f) => [f.name, toTransport(f.type, value[f.name])]));
    case 'union:wrapped': {
      if (value === null) return null;
      const branch = Object.keys(value)[0];
      return { [branch]: toTransport(type.types.find((t) => t.branchName === branch), value[branch]) };
    }
    default:
      return value;
  }
}

function handle(request) {
  const type = typeFor(request.schema);
  switch (request.op) {
    case 'encode':
      return { hex: type.toBuffer(fromTransport(request.value)).toString('hex') };
    case 'decode': {
      const buf = Buffer.from(request.hex, 'hex');
      if (request.reader === undefined) return { value: toTransport(type, type.fromBuffer(buf)) };
      const reader = typeFor(request.reader);
      return { value: toTransport(reader, reader.fromBuffer(buf, reader.createResolver(type))) };
    }
    case 'canonical':
      return { canonical: JSON.stringify(type.getSchema()), md5: type.fingerprint('md5').toString('hex') };
    case 'resolve':
      try {
        typeFor(request.reader).createResolver(type);
        return { compatible: true };
      } catch (err) {
        return { compatible: false, reason: err.message };
      }
    default:
      throw new Error(`unknown op ${request.op}`);
  }
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  let response;
  try {
    response = handle(JSON.parse(line));
  } catch (err) {
    response = { error: String(err && err.message ? err.message : err) };
  }
  process.stdout.write(`${JSON.stringify(response)}\n`);
});
