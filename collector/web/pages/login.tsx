import type { WebAssets } from '../assets.js';
import { Head } from '../components.js';

/** Pages outside the signed-in layout: the login form and plain errors. */
function Bare(props: { title: string; assets: WebAssets; children?: unknown }) {
  return (
    <html lang="en-GB">
      <Head title={props.title} assets={props.assets} />
      <body class="bare">
        <main id="main">
          <h1>{props.title}</h1>
          {props.children as never}
        </main>
      </body>
    </html>
  );
}

export function LoginPage(props: { assets: WebAssets; next: string; error?: string; tokenSignIn?: boolean; signInWith?: string }) {
  return (
    <Bare title="Smart Foundations: sign in" assets={props.assets}>
      {props.signInWith ? (
        <p class="sign-in-with">
          <a class="button" href={`/auth/oidc/start?next=${encodeURIComponent(props.next)}`}>Sign in with {props.signInWith}</a>
        </p>
      ) : null}
      {props.tokenSignIn === false ? (
        props.error ? <p class="error" role="alert" id="login-error">{props.error}</p> : null
      ) : (
      <form method="post" action="/login" class="login">
        {props.error ? (
          <p class="error" role="alert" id="login-error">
            {props.error}
          </p>
        ) : null}
        <label for="token">Viewer token or API key</label>
        <p class="hint" id="token-hint">
          An API key an admin made for you, or the viewer token the collector writes to <code>viewer.token</code> in its data directory.
        </p>
        <input id="token" name="token" type="password" autocomplete="current-password" required aria-describedby="token-hint" autofocus />
        <input type="hidden" name="next" value={props.next} />
        <button type="submit">Sign in</button>
      </form>
      )}
    </Bare>
  );
}

export function ErrorPage(props: { assets: WebAssets; title: string; message: string }) {
  return (
    <Bare title={props.title} assets={props.assets}>
      <p role="alert">{props.message}</p>
      <p>
        <a href="/">Back to the scores</a>
      </p>
    </Bare>
  );
}
