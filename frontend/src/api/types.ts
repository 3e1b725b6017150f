import type { Schemas } from "./client";

/** Names for the generated wire shapes the screens use. */
export type User = Schemas["UserOut"];
export type Role = User["role"];
export type TokenOut = Schemas["TokenOut"];
export type TokenCreated = Schemas["TokenCreated"];
export type JourneySummary = Schemas["JourneySummary"];
export type JourneyDetail = Schemas["JourneyDetail"];
export type JourneyDocument = Schemas["JourneyDocument"];
export type JourneyStatus = JourneySummary["status"];
