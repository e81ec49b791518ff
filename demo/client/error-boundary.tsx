import { Component } from "react";
import type { ErrorInfo, ReactNode } from "react";

interface State {
  error: Error | null;
}

/**
 * Catches a rendering error so the page shows a message and a way out instead of going blank.
 * A class because React offers error boundaries only as classes.
 *
 * @example
 * <ErrorBoundary><App /></ErrorBoundary>
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error("demo: a page failed to render", error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <main className="demo-main">
        <div role="alert" className="demo-stack">
          <h1 className="demo-page-title">Something went wrong</h1>
          <p className="demo-lead">This page hit an unexpected error. Reloading usually fixes it.</p>
          <p>
            <button type="button" className="demo-button demo-button--primary" onClick={() => window.location.reload()}>
              Reload the page
            </button>
          </p>
        </div>
      </main>
    );
  }
}
