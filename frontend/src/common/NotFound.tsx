import { Link } from "react-router";

/** A client route that matches nothing. */
export default function NotFound() {
  return (
    <main className="page narrow">
      <h1>Page not found</h1>
      <p>
        This address does not exist. <Link to="/journeys">Go to journeys</Link>.
      </p>
    </main>
  );
}
