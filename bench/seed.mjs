/* global fetch */
// Seeds an auth server through its own endpoints, the way a browser would: sign up accounts,
// keep the cookies each answer sets, and check that the server sees what the benchmark expects.
const PASSWORD = "bench-password-1234";

/** A browser's cookie jar for one site: Set-Cookie in, Cookie header out. */
function jar() {
  const cookies = new Map();
  return {
    take(response) {
      for (const line of response.headers.getSetCookie()) {
        const [pair, ...attributes] = line.split(";");
        const eq = pair.indexOf("=");
        const name = pair.slice(0, eq).trim();
        const value = pair.slice(eq + 1).trim();
        const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "";
        if (expired) cookies.delete(name);
        else cookies.set(name, value);
      }
    },
    header: () => [...cookies].map(([n, v]) => `${n}=${v}`).join("; "),
  };
}

async function call(origin, path, { method = "GET", cookies, body } = {}) {
  const headers = { origin, "user-agent": "kernia-bench" };
  if (cookies?.header()) headers.cookie = cookies.header();
  if (body) headers["content-type"] = "application/json";
  const response = await fetch(`${origin}/api/auth${path}`, { method, headers, body: body && JSON.stringify(body) });
  cookies?.take(response);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${method} ${path} on ${origin}: ${response.status} ${text}`);
  return JSON.parse(text);
}

function signUp(origin, cookies, email) {
  return call(origin, "/sign-up/email", { method: "POST", cookies, body: { name: email.split("@")[0], email, password: PASSWORD } });
}

function check(condition, message) {
  if (!condition) throw new Error(`seed check failed: ${message}`);
}

/**
 * Seeds `origin` and returns the Cookie headers of browsers with one, five and ten accounts,
 * plus the credentials of an account for sign-in runs.
 */
export async function seed(origin, label) {
  const one = jar();
  await signUp(origin, one, `${label}-solo@bench.test`);
  const five = jar();
  for (let i = 1; i <= 5; i++) await signUp(origin, five, `${label}-multi${i}@bench.test`);
  const ten = jar();
  for (let i = 1; i <= 10; i++) await signUp(origin, ten, `${label}-ten${i}@bench.test`);
  const signIn = { email: `${label}-signin@bench.test`, password: PASSWORD };
  await signUp(origin, null, signIn.email);

  const session = await call(origin, "/get-session", { cookies: one });
  check(session?.user?.email === `${label}-solo@bench.test`, `${label} get-session answers the signed-in user`);
  const listOne = await call(origin, "/multi-session/list-device-sessions", { cookies: one });
  check(listOne.length === 1, `${label} lists 1 device session, got ${listOne.length}`);
  const listFive = await call(origin, "/multi-session/list-device-sessions", { cookies: five });
  check(listFive.length === 5, `${label} lists 5 device sessions, got ${listFive.length}`);
  const listTen = await call(origin, "/multi-session/list-device-sessions", { cookies: ten });
  check(listTen.length === 10, `${label} lists 10 device sessions, got ${listTen.length}`);
  const signedIn = await call(origin, "/sign-in/email", { method: "POST", body: signIn });
  check(typeof signedIn.token === "string", `${label} sign-in answers a token`);
  return { one: one.header(), five: five.header(), ten: ten.header(), signIn };
}
