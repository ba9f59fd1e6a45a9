// Inline icons for the glyphs a bare Debian's fonts (fonts-dejavu-core) do not have: the emoji
// and the no-entry sign rendered as empty boxes there. They take the text colour and size.
type IconProps = { className?: string; title?: string };

function Svg({ className = "inline-block h-[1em] w-[1em] align-[-0.125em]", title, children }: IconProps & { children: React.ReactNode }) {
  return (
    <svg viewBox="0 0 16 16" className={className} role={title ? "img" : undefined} aria-hidden={title ? undefined : true} aria-label={title} focusable="false">
      {children}
    </svg>
  );
}

/** SEV-1: a stop sign (octagon with a bar). */
export function StopIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M5.1 1h5.8L15 5.1v5.8L10.9 15H5.1L1 10.9V5.1z" fill="currentColor" />
      <rect x="3.5" y="7" width="9" height="2" rx="0.5" fill="var(--color-surface)" />
    </Svg>
  );
}

/** Silenced: a bell with a slash. */
export function BellOffIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M8 1.5a4 4 0 0 0-4 4v3L2.5 11h11L12 8.5v-3a4 4 0 0 0-4-4zM6.5 12.5a1.5 1.5 0 0 0 3 0z" fill="currentColor" />
      <path d="M2 2l12 12" stroke="var(--color-surface)" strokeWidth="2.5" />
      <path d="M2 2l12 12" stroke="currentColor" strokeWidth="1.3" />
    </Svg>
  );
}

export function MenuIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M2 4h12M2 8h12M2 12h12" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </Svg>
  );
}

export function CloseIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M3.5 3.5l9 9M12.5 3.5l-9 9" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </Svg>
  );
}
