/**
 * French strings: the reference resource. `en.ts` must have exactly the same keys
 * (enforced by its `Translation` type and by `resources.spec.ts`).
 */
export const fr = {
  app: {
    name: 'Vigie',
    tagline: 'La boîte de réception sociale de vos équipes service client.',
    loading: 'Chargement de votre session…',
  },
  language: {
    switchTo: 'English',
    switchToLabel: 'Switch the interface to English',
  },
  login: {
    title: 'Connexion',
    heading: 'Connexion à votre espace',
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    submit: 'Se connecter',
    submitting: 'Connexion…',
    sessionEnded: {
      logout: 'Vous avez été déconnecté.',
      expired: 'Votre session a expiré. Reconnectez-vous pour continuer.',
      deactivated: 'Votre compte a été désactivé. Contactez un administrateur.',
    },
    errors: {
      invalidCredentials: 'Adresse e-mail ou mot de passe incorrect.',
      rateLimited: 'Trop de tentatives. Réessayez dans {{seconds}} s.',
      rateLimitedUnknownDelay: 'Trop de tentatives. Réessayez dans quelques instants.',
      validationFailed: 'Vérifiez l’adresse e-mail et le mot de passe saisis.',
      network: 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
      server: 'Le service est momentanément indisponible. Réessayez dans un instant.',
      unexpected: 'Une erreur inattendue est survenue. Réessayez.',
    },
  },
  inbox: {
    title: 'Boîte de réception',
    user: {
      signedInAs: 'Connecté en tant que',
    },
    roles: {
      agent: 'Agent',
      supervisor: 'Superviseur',
      ops: 'Opérations',
      admin: 'Administrateur',
    },
    logout: 'Se déconnecter',
    connection: {
      label: 'Temps réel :',
      connected: 'Connecté',
      connecting: 'Connexion…',
      reconnecting: 'Reconnexion…',
      offline: 'Hors ligne',
    },
    nav: {
      label: 'Vues',
      comingSoon: 'bientôt',
      views: {
        mine: 'Mes conversations',
        unassigned: 'Non assignées',
        team: 'Mon équipe',
        all: 'Toutes',
        slaBoard: 'Tableau SLA',
        administration: 'Administration',
      },
    },
    presence: {
      heading: 'Collègues en ligne',
      empty: 'Personne d’autre pour le moment.',
      online: 'En ligne',
      away: 'Absent',
    },
    empty: {
      heading: 'Aucune conversation pour l’instant',
      mine: 'Les conversations qui vous sont assignées apparaîtront ici.',
      unassigned: 'Les nouvelles mentions et messages en attente d’un agent apparaîtront ici.',
      team: 'Les conversations de vos équipes apparaîtront ici.',
      all: 'Toutes les conversations ouvertes apparaîtront ici.',
    },
  },
};
