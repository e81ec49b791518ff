import { usePageTitle } from "../layout.js";
import { Link } from "../router.js";

/** Any path the demo does not know (the server answers it with 404). */
export function NotFoundPage() {
  usePageTitle("Page not found");
  return (
    <div className="demo-stack">
      <div>
        <h1 className="demo-page-title">Page not found</h1>
        <p className="demo-lead">There is nothing at this address.</p>
      </div>
      <p>
        <Link href="/" className="demo-link">
          Go to the home page
        </Link>
      </p>
    </div>
  );
}
