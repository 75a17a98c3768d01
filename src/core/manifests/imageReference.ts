/** `registry/repo:tag@sha256:…` → its parts; the tag colon comes after the last slash. */
export function parseImage(image: string): { repo: string; tag?: string; digest?: string } {
  const [withoutDigest, digest] = image.split('@', 2);
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > withoutDigest.lastIndexOf('/');
  return {
    repo: hasTag ? withoutDigest.slice(0, colon) : withoutDigest,
    ...(hasTag ? { tag: withoutDigest.slice(colon + 1) } : {}),
    ...(digest ? { digest } : {}),
  };
}
