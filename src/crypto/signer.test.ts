import { serializeSignedCookie } from "better-call";
import { describe, expect, test } from "vitest";
import { createSigner } from "./signer.js";

const K1 = "k1-secret-0123456789abcdefghijklmnopqrstuvwxyz";
const K2 = "k2-secret-0123456789abcdefghijklmnopqrstuvwxyz";

/** better-call's `signCookieValue(value, secret)`, read out of the `Set-Cookie` line it builds. */
async function betterCallSigned(value: string, secret: string): Promise<string> {
  const line = await serializeSignedCookie("n", value, secret);
  return (line.split(";")[0] ?? "").slice("n=".length);
}

describe("createSigner", () => {
  const values = ["A".repeat(32), "q3V9xY0abcDEF1234567890abcdefGHI", "true", "a.b.c", "ünïcødé ✓", "x".repeat(4000)];
  const secrets = [K1, "x".repeat(32), "sécret-with-ünicode-0123456789abcdef"];

  test("signs exactly as better-call's signCookieValue does (before URI-encoding)", async () => {
    for (const secret of secrets) {
      const signer = createSigner([secret]);
      for (const value of values) {
        const ours = await signer.sign(value);
        expect(encodeURIComponent(ours)).toBe(await betterCallSigned(value, secret));
      }
    }
  });

  test("the format is value + '.' + 44 characters of padded standard base64", async () => {
    const signed = await createSigner([K1]).sign("token");
    expect(signed).toMatch(/^token\.[A-Za-z0-9+/]{43}=$/);
  });

  test("verifies what better-call signed, as the current secret", async () => {
    const signer = createSigner([K1]);
    for (const value of values) {
      const signed = decodeURIComponent(await betterCallSigned(value, K1));
      expect(await signer.verify(signed)).toEqual({ value, stale: false });
    }
  });

  test("rotation: [k2, k1] signs with k2, and verifies a k1 signature as stale", async () => {
    const rotated = createSigner([K2, K1]);
    const byK1 = await createSigner([K1]).sign("token");
    const byK2 = await createSigner([K2]).sign("token");
    expect(await rotated.sign("token")).toBe(byK2);
    expect(await rotated.verify(byK1)).toEqual({ value: "token", stale: true });
    expect(await rotated.verify(byK2)).toEqual({ value: "token", stale: false });
  });

  test("a retired secret's signature is refused once it leaves the list", async () => {
    const byK1 = await createSigner([K1]).sign("token");
    expect(await createSigner([K2]).verify(byK1)).toBeNull();
  });

  test("a signature with any one character changed is refused", async () => {
    const signer = createSigner([K1]);
    const signed = await signer.sign("token");
    const dot = signed.lastIndexOf(".");
    for (let i = dot + 1; i < signed.length - 1; i++) {
      const c = signed[i] === "A" ? "B" : "A";
      expect(await signer.verify(signed.slice(0, i) + c + signed.slice(i + 1)), `position ${i}`).toBeNull();
    }
  });

  test("the signed value moved, changed or case-flipped is refused", async () => {
    const signer = createSigner([K1]);
    const signed = await signer.sign("token");
    const mac = signed.slice(signed.lastIndexOf("."));
    for (const forged of [`tokem${mac}`, `TOKEN${mac}`, `token.${mac}`, `xtoken${mac}`, `${mac.slice(1)}`, `token${mac}x`, `token${mac.slice(0, -1)}`]) {
      expect(await signer.verify(forged), forged).toBeNull();
    }
  });

  test("a non-canonical base64 signature (same bytes, different padding bits) is refused", async () => {
    const signer = createSigner([K1]);
    const signed = await signer.sign("token");
    // The 43rd character carries 2 padding bits; flipping one decodes to the same 32 bytes.
    const last = signed.at(-2)!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const sibling = alphabet[alphabet.indexOf(last) ^ 1]!;
    const variant = `${signed.slice(0, -2)}${sibling}=`;
    expect(Buffer.from(variant.slice(variant.lastIndexOf(".") + 1), "base64")).toEqual(Buffer.from(signed.slice(signed.lastIndexOf(".") + 1), "base64"));
    expect(await signer.verify(variant)).toBeNull();
  });

  test("a signature in the URL-safe alphabet (same bytes as the standard one) is refused", async () => {
    const signer = createSigner([K1]);
    let signed = "";
    for (let i = 0; !/[+/][^.]*$/.test(signed); i++) signed = await signer.sign(`token-${i}`);
    const dot = signed.lastIndexOf(".");
    const urlSafe = `${signed.slice(0, dot)}.${signed.slice(dot + 1).replace(/\+/g, "-").replace(/\//g, "_")}`;
    expect(urlSafe).not.toBe(signed);
    expect(await signer.verify(signed)).not.toBeNull();
    expect(await signer.verify(urlSafe)).toBeNull();
  });

  test("garbage never throws and never verifies", async () => {
    const signer = createSigner([K1]);
    for (const input of ["", ".", "..", "a.", ".abc", "no-dot", "a.%%%", `a.${"=".repeat(44)}`, `a.${"A".repeat(44)}`, "\u0000.\u0000", `x.${"ü".repeat(44)}`]) {
      expect(await signer.verify(input), JSON.stringify(input)).toBeNull();
    }
  });

  test("an empty secret list is refused", () => {
    expect(() => createSigner([])).toThrow();
  });
});
