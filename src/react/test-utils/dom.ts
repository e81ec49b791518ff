import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

// What Radix's menus call that jsdom does not implement. They are layout and pointer plumbing
// with no behaviour to test here; Chromium end-to-end tests cover the real thing.
class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= ResizeObserverStub;
Element.prototype.hasPointerCapture ??= () => false;
Element.prototype.setPointerCapture ??= () => {};
Element.prototype.releasePointerCapture ??= () => {};
Element.prototype.scrollIntoView ??= () => {};

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => cleanup());
