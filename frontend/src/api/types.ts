/**
 * Names for the wire shapes the screens use, all taken from the generated `schema.d.ts` (`make types`).
 * The only module that reads `components["schemas"]`: no API shape is typed by hand anywhere else.
 */
import type { components } from "./schema";

type Schemas = components["schemas"];

/** One bad field named by the server, e.g. `headers.0.name`. */
export type FieldProblem = Schemas["FieldProblem"];

export type User = Schemas["UserOut"];
export type Role = Schemas["Role"];
export type TokenOut = Schemas["TokenOut"];
export type TokenCreated = Schemas["TokenCreated"];

export type JourneySummary = Schemas["JourneySummary"];
export type JourneyDetail = Schemas["JourneyDetail"];
export type JourneyDocument = Schemas["JourneyDocument"];
export type JourneyStatus = JourneySummary["status"];
export type JourneyVersionSummary = Schemas["JourneyVersionSummary"];
export type JourneySettings = Schemas["JourneySettings"];
/** A definition as the wire carries it: fields with server defaults may be left out. */
export type ApiDefinition = Schemas["Definition"];
export type NodeStats = Schemas["NodeStats"];
/** A validation problem, on a node or on the whole journey. */
export type Problem = Schemas["Problem"];
export type InstanceDetail = Schemas["InstanceDetail"];

export type ActionOut = Schemas["ActionOut"];
export type ActionInput = Schemas["ActionInput"];
export type ActionField = Schemas["ActionField"];
export type PayloadField = Schemas["PayloadField"];
export type TestResult = Schemas["TestResult"];
/** A draft action imported from a cURL command (not saved) and what to check before saving it. */
export type ActionDraft = Schemas["ActionDraft"];
export type Method = ActionInput["method"];
export type FieldKind = ActionField["kind"];
export type FieldType = ActionField["type"];
export type Authentication = NonNullable<ActionInput["authentication"]>;
export type AuthType = Authentication["type"];

export type EventTypeOut = Schemas["EventTypeOut"];
export type EventTypeInput = Schemas["EventTypeInput"];
