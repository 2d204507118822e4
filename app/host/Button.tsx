export function Button(props: {
  onClick: () => void;
  children: React.ReactNode;
  primary?: boolean;
  disabled?: boolean;
  small?: boolean;
  label?: string;
}) {
  return (
    <button
      type="button"
      onClick={props.onClick}
      disabled={props.disabled}
      aria-label={props.label}
      className={`rounded-xl font-bold disabled:opacity-40 focus:outline-none focus-visible:ring-4 focus-visible:ring-white ${
        props.small ? 'px-3 py-1.5 text-base' : 'px-6 py-3 text-xl'
      } ${props.primary ? 'bg-accent text-ink hover:brightness-110' : 'border-2 border-edge bg-panel hover:border-slate-400'}`}
    >
      {props.children}
    </button>
  );
}
