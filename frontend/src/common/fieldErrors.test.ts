import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import { fieldErrorsOf, normalizeField, unplacedProblems } from "./fieldErrors";

describe("fieldErrorsOf", () => {
  it("keys problems by field, joining several on one field and normalising indexes", () => {
    const error = new ApiError(400, "bad", [
      { field: "url", message: "must have a host" },
      { field: "headers[0].name", message: "is not a valid header name" },
      { field: "headers.0.name", message: "duplicate name" },
    ]);
    expect(fieldErrorsOf(error)).toEqual({
      url: "must have a host",
      "headers.0.name": "is not a valid header name; duplicate name",
    });
  });

  it("ignores errors that are not API answers", () => {
    expect(fieldErrorsOf(new Error("boom"))).toEqual({});
  });

  it("lists the problems no field on the form shows", () => {
    expect(unplacedProblems({ url: "x", body: "y" }, (f) => f === "url")).toEqual(["body: y"]);
    expect(normalizeField("$.requestPayload.fields[2].path")).toBe("requestPayload.fields.2.path");
  });
});
