/** The Vigie mark: a lighthouse beam. Decorative; the app name is always written next to it. */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg
      className="brand-mark"
      width={size}
      height={size}
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="32" height="32" rx="8" fill="var(--color-brand)" />
      <path d="M16 7.5 11.5 24.5h9L16 7.5Z" fill="#fff" />
      <path d="M18.5 11.5 26 8.5v8l-7.5-2.5v-2.5Z" fill="#fff" opacity=".55" />
      <rect x="10" y="24" width="12" height="2" rx="1" fill="#fff" />
    </svg>
  );
}
