import { notFound } from "~/lib/http";

/** Any address no route knows: the 404 page. */
export async function loader() {
  notFound();
}

export default function NotFound() {
  return null;
}
