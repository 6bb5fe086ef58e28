/** Keeps a crash in one part of the window from blanking the whole app; offers to retry that part. */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** Names the region in the fallback, e.g. "The library". */
  area: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`soundlike: ${this.props.area} crashed`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="crash" role="alert">
        <strong>{this.props.area} ran into a problem.</strong>
        <p>{this.state.error.message}</p>
        <button type="button" className="btn" onClick={() => this.setState({ error: null })}>Try again</button>
      </div>
    );
  }
}
