import { type Translation } from './translation';

/** English strings; same keys as `fr.ts`. */
export const en: Translation = {
  app: {
    name: 'Vigie',
    tagline: 'The social inbox for your customer-care teams.',
    loading: 'Loading your session…',
  },
  language: {
    switchTo: 'Français',
    switchToLabel: 'Passer l’interface en français',
  },
  login: {
    title: 'Sign in',
    heading: 'Sign in to your workspace',
    email: 'Email address',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    sessionEnded: {
      logout: 'You have been signed out.',
      expired: 'Your session has expired. Sign in again to continue.',
      deactivated: 'Your account has been deactivated. Contact an administrator.',
    },
    errors: {
      invalidCredentials: 'Incorrect email address or password.',
      rateLimited: 'Too many attempts. Try again in {{seconds}} s.',
      rateLimitedUnknownDelay: 'Too many attempts. Try again in a moment.',
      validationFailed: 'Check the email address and password you entered.',
      network: 'Cannot reach the server. Check your connection and try again.',
      server: 'The service is temporarily unavailable. Try again in a moment.',
      unexpected: 'Something unexpected went wrong. Try again.',
    },
  },
  inbox: {
    title: 'Inbox',
    user: {
      signedInAs: 'Signed in as',
    },
    roles: {
      agent: 'Agent',
      supervisor: 'Supervisor',
      ops: 'Operations',
      admin: 'Administrator',
    },
    logout: 'Sign out',
    connection: {
      label: 'Live updates:',
      connected: 'Connected',
      connecting: 'Connecting…',
      reconnecting: 'Reconnecting…',
      offline: 'Offline',
    },
    nav: {
      label: 'Views',
      comingSoon: 'coming soon',
      views: {
        mine: 'Mine',
        unassigned: 'Unassigned',
        team: 'My team',
        all: 'All',
        slaBoard: 'SLA board',
        administration: 'Administration',
      },
    },
    presence: {
      heading: 'Colleagues online',
      empty: 'Nobody else right now.',
      online: 'Online',
      away: 'Away',
    },
    empty: {
      heading: 'No conversations yet',
      mine: 'Conversations assigned to you will show up here.',
      unassigned: 'New mentions and messages waiting for an agent will show up here.',
      team: 'Your teams’ conversations will show up here.',
      all: 'Every open conversation will show up here.',
    },
  },
};
