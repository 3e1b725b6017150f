import { describe, expect, it } from "vitest";
import { ApiError, errorMessage } from "../api/client";
import i18n from "../i18n";
import { fieldErrorsOf, normalizeField, unplacedProblems } from "./fieldErrors";

describe("fieldErrorsOf", () => {
  it("keys problems by field, joining several on one field and normalising indexes", () => {
    const error = new ApiError(400, "bad", [
      { field: "url", message: "must have a host", code: "invalid" },
      { field: "headers[0].name", message: "is not a valid header name", code: "invalid" },
      { field: "headers.0.name", message: "duplicate name", code: "invalid" },
    ]);
    expect(fieldErrorsOf(error)).toEqual({
      url: "must have a host",
      "headers.0.name": "is not a valid header name; duplicate name",
    });
  });

  it("words coded problems in the user's language instead of the framework's text", async () => {
    const error = new ApiError(400, "password: Expected `str` of length >= 8", [
      { field: "password", message: "Expected `str` of length >= 8", code: "tooShort", params: { min: 8 } },
      { field: "locale", message: "Invalid enum value 'fr'", code: "notAllowed", params: { value: "fr" } },
    ]);
    expect(fieldErrorsOf(error)).toEqual({
      password: "must be at least 8 characters long",
      locale: "“fr” is not one of the allowed values",
    });
    expect(errorMessage(error)).toBe("password: must be at least 8 characters long; locale: “fr” is not one of the allowed values");
    await i18n.changeLanguage("de");
    try {
      expect(fieldErrorsOf(error)["password"]).toBe("muss mindestens 8 Zeichen lang sein");
    } finally {
      await i18n.changeLanguage("en");
    }
  });

  it("keeps the server's own sentence for problems without a known code", () => {
    const error = new ApiError(409, "the draft changed since this time", [
      { field: "baseUpdatedAt", message: "the draft changed since this time", code: "invalid" },
    ]);
    expect(errorMessage(error)).toBe("the draft changed since this time");
  });

  it("ignores errors that are not API answers", () => {
    expect(fieldErrorsOf(new Error("boom"))).toEqual({});
  });

  it("lists the problems no field on the form shows", () => {
    expect(unplacedProblems({ url: "x", body: "y" }, (f) => f === "url")).toEqual(["body: y"]);
    expect(normalizeField("$.requestPayload.fields[2].path")).toBe("requestPayload.fields.2.path");
  });
});
