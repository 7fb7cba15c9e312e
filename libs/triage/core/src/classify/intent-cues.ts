/**
 * Intent cues, French and English side by side. Each group is `[weight, 'phrase | phrase | ...']`;
 * phrases are accent-free, lowercase, whole words separated by one space, and a trailing `*` matches any
 * word ending ("rembours*" → rembourser, remboursement, remboursez). Cues of both languages apply to
 * every post: code-switching is common ("le site est down", "merci, sorted").
 */
import { type TriageIntent } from '../triage.types';

export type CueGroup = readonly [weight: number, phrases: string];

export type ScoredIntent = Exclude<TriageIntent, 'other'>;

export const INTENT_CUES: Readonly<Record<ScoredIntent, readonly CueGroup[]>> = {
  outage_report: [
    [
      2.5,
      'panne | en panne | outage | outages | plus de reseau | pas de reseau | aucun reseau | no signal | no service | ' +
        'plus d internet | pas d internet | plus internet | no internet | plus de connexion | pas de connexion | no connection | ' +
        'plus de courant | pas de courant | plus d electricite | pas d electricite | no electricity | no power | lost power | power cut | ' +
        'coupure | coupures | plus de gaz | no gas | plus d eau chaude | no hot water | hors service | hs | ' +
        'service indisponible | service unavailable | network unavailable | reseau non disponible | reseau indisponible | ' +
        'is down | are down | sont down | est down | down again | been down | site down | app down | systems down | ' +
        'en rade | no mobile data | no data | plus de tele | no tv | no wifi | wifi dead | network dead | reseau mort | ' +
        'completement mort | capte plus | capte rien | souci technique | probleme technique | technical issue | technical problem | ' +
        'carte refusee | card declined | payment declined | inutilisable | unusable | erreur est survenue | went wrong | ' +
        'plus de 4g | lost 4g | lost signal | lost internet | lost connection | plus de lumiere | no lights | ' +
        'toute la rue | whole street | tout l immeuble | whole building | se deco | dropped out | drops out',
    ],
    [
      1.8,
      'ne marche plus | marche plus | ne marche pas | marche pas | rien ne marche | ne fonctionne plus | fonctionne plus | ' +
        'ne fonctionne pas | fonctionne pas | not working | is not working | stopped working | will not load | does not load | ' +
        'ne charge plus | ne charge pas | can not log in | can not login | can not connect | can not access | ' +
        'impossible de me connecter | impossible de se connecter | impossible d acceder | n arrive pas a acceder | ' +
        'impossible de payer | can not check out | can not make calls | appels impossibles | can not get into | ' +
        'plante | plantage | crash* | bug | bugs | erreur | error | ecran blanc | white screen | inaccessible | ' +
        'maintenance | clignote | flashing | redemarre en boucle | rebooting | keeps rebooting | tourne dans le vide | ' +
        'spins forever | declined everywhere | refuse partout | refusee partout | not going through | ne passent plus | ' +
        'passent plus | drops every | coupe toutes | est coupee | est coupe | dead | down | won t even turn on | ne s allume plus | ' +
        'deconnecte* | mouline | spinning | anyone else | quelqu un d autre | juste moi | just me',
    ],
    [
      1,
      'broken | cassees | bornes | machines | reseau | network | internet | fibre | broadband | 4g | 5g | wifi | box | router',
    ],
  ],
  complaint: [
    [
      2.2,
      'inadmissible | honteux | honte | scandaleux | scandale | scandalous | disgraceful | shameful | lamentable | pathetic | ' +
        'arnaque | arnaqueurs | voleurs | theft | thieves | rip off | ripoff | jamais plus | plus jamais | never again | ' +
        'worst | pire | ridicule | ridiculous | absolute joke | c est une blague | is this a joke | shambles | catastrophe | ' +
        'n importe quoi | calvaire | insupportable | unacceptable | inacceptable | decu | decue | decus | decevant | ' +
        'disappointed | disappointing | not happy | pas content | pas contente | useless | incompetent* | incapables | ' +
        'se foutent | vous foutez | foutage | having a laugh | sort it out | you re joking | merci pour rien | ' +
        'thanks for nothing | love paying for nothing | jpp | change de banque | switching banks | je change | ' +
        'total mess | is a mess | mess | abuse | not ok | pas normal | trouvez normal | mensonger* | false advertising | ' +
        'misleading | make it make sense',
    ],
    [
      1.5,
      'toujours pas | toujours rien | toujours aucun* | still no | still nothing | still waiting | still not | ' +
        'sans reponse | no reply | no response | no answer | aucune reponse | aucune nouvelle | aucune info | ' +
        'zero communication | no updates | injoignable | unreachable | personne ne repond | nobody | personne | ' +
        'en attente | on hold | raccroche | hung up | call drops | transfere* | transferred | ' +
        'retard* | delay* | delayed | late | annule | annulee | cancelled | canceled | supprime | supprimes | ' +
        'perdu | perdue | lost my | cassee | casse | smashed | dechire | ripped | abime* | damaged | defectueux | faulty | ' +
        'wrong item | mauvais article | jamais venu | no show | never came | never turned up | sans prevenir | ' +
        'without telling | without warning | sans raison | for no reason | preleve* | debite* | charged | overcharged | ' +
        'billed | billing me | facture* | frais | fee | fees | augmente* | price up | raised my price | doubled | tripled | ' +
        'rude | desagreable | impoli* | jete | threw | refuse le remboursement | refused a refund | not even dispatched | ' +
        'pas expedie | trop percu | rembourse* | refund | remboursement | regul | regularisation | adjustment | ' +
        'relances | chasers | no replies | 0 reponse | jamais recu | jamais vu | never got | never received | au tel | ' +
        'au telephone | on the phone | on m a vendu | sold me',
    ],
    [
      0.8,
      'service client | customer service | sav | hotline | support | conseiller | conseillere | agent | advisor | ' +
        'livraison | livre | delivery | delivered | colis | parcel | package | commande | order | qualite | quality | ' +
        'encore | again | seriously | serieusement | comme d hab | as usual | same old | la routine | ' +
        'pour ca | for this | depuis | since | semaines | weeks | mois | months',
    ],
  ],
  question: [
    [
      1.6,
      'comment | combien | quand | quel | quelle | quels | quelles | est ce que | est ce qu | est il | est elle | y a t il | ' +
        'peut on | on peut | puis je | je peux | savez vous | quelqu un sait | c quoi | c est quoi | how | when | where | which | ' +
        'what | what s | whats | is there | are there | is it | is fibre | do you | does | do i | can i | can we | could i | ' +
        'does anyone know | anyone know | any idea | vous livrez | vous faites | vous avez | vous ouvrez | possible de | ' +
        'est il possible | is it possible | allowed | autorise* | acceptes | still going ahead | maintenu | la difference | ' +
        'the difference | valable* | valid | included | inclus* | available | disponible',
    ],
    [0.8, 'pourquoi | why | do i need | dois je | je dois'],
  ],
  request: [
    [
      2,
      'svp | s il vous plait | s il te plait | please | merci de | pouvez vous | pourriez vous | vous pouvez | tu peux | ' +
        'can you | could you | can someone | would you | je voudrais | j aimerais | je souhaite | i d like | id like | ' +
        'i would like | i want to | i need | j ai besoin | j aurais besoin | need to | rappelez* | call me | call me back | ' +
        'me rappeler | me recontacter | recontactez | contactez moi | contact me | get back to me | dm me | dm moi | ' +
        'me dm | message prive | envoyez moi | send me | email me | resend | renvoyer | me renvoyer | annulez | ' +
        'cancel my | remboursez* | rembourrsez* | refund my | resilier | close my | modifier | changer | change the | ' +
        'corriger | correct the | ajouter | add my | debloquer | unlock | freeze | opposition | passez moi | switch me | ' +
        'faire opposition | book a | un rdv | un rendez vous | rendez vous | cloturer | clore | je souhaiterais | ' +
        'il me faudrait | il me faut | je veux | i want a | leave my | laisser mon | livrer | deliver it',
    ],
    [0.6, 'aider | help | dossier | reference | ref | order | commande | reservation | booking'],
  ],
  praise: [
    [
      2,
      'merci | thanks | thank you | cheers | bravo | well done | au top | top | nickel | parfait | perfect | super | genial | ' +
        'great | brilliant | lovely | adorable | je recommande | recommend | highly recommend | love | loving | best | ' +
        'meilleur | legends | shoutout | apprecie | appreciated | much appreciated | felicite* | congrats | ' +
        'trop bien | trop contente | trop content | pas mal | not bad | comfy | confortable | arrangeants | helpful | ' +
        'sorted | regle | resolu | resolved | fixed | repare | remarche | working again | back on | est revenu | ' +
        'retabli | works perfectly | marche nickel | all good | all sorted | on time | ponctuel',
    ],
    [
      0.8,
      'reactivite | reactifs | quick | rapide | gentillesse | kind | friendly | fire | excellent | amazing | awesome',
    ],
  ],
  spam: [
    [
      2.5,
      'bitcoin | btc | crypto | cryptos | airdrop | wallet | nft | nfts | forex | trading | trader | giveaway | concours | ' +
        'follow back | followback | f4f | follow for follow | abonnes gratuits | buy followers | followers | likes | ' +
        'lien en bio | link in bio | telegram | whatsapp | 100x | x100 | gagnez | gagne de l argent | ' +
        'argent rapide | fast cash | no credit check | pret entre particuliers | private loans | ' +
        'rendement | returns guaranteed | weekly returns | code promo | promo code | cliquez | ' +
        'click here | claim here | reclamez | recovery expert | recuperez | signaux | signals | a gagner | win a | win an | ' +
        'gift cards | bons d achat | offerts | token | like rt follow | rt follow | giving away | on fait gagner | faire gagner',
    ],
    [
      1,
      'offre limitee | limited offer | exclusive | exclusif | astuce | trick | garanti | guaranteed | free | gratuit | gratuits | ' +
        'sans frais | from home | depuis chez toi | par jour | a day | par semaine | a week | per week | le lien | the link | ' +
        'cette appli | this app | gagne | made',
    ],
  ],
};

/** Posts that only report the issue is over: thanks after a resolved case, not a new problem. */
export const RESOLUTION_CUES =
  'regle | resolu | resolved | sorted | fixed | repare | remarche | working again | back on | est revenu | retabli | ' +
  'c est bon | all good | all sorted | its fixed | it s fixed | ca marche | works perfectly | marche nickel';

/** Words that make a sarcastic reading likely when praise words meet a problem. */
export const SARCASM_CUES =
  'encore | again | another | comme d hab | as usual | same old | merci pour rien | thanks for nothing | pour rien | ' +
  'for nothing | chapeau | trop sympa | really appreciate it | merci hein | cheers | bravo vraiment | vraiment | oh great | wow | ' +
  'professionnalisme | professionalism | quel service | what a service';

/** Words that raise priority; shown to the agent as the reason. */
export const URGENCY_CUES =
  'urgent | urgence | asap | au plus vite | immediatement | immediately | right now | tout de suite | emergency | ' +
  'bloque | bloquee | blocked | stuck | coince | coincee | fraude | fraud | pirate | hacked | vole | stolen | ' +
  'bebe | newborn | enfants | kids | malade | medical | handicap* | fauteuil roulant | wheelchair | danger | dangereux | ' +
  'gas leak | fuite de gaz | sans electricite | no electricity | no heating | sans chauffage | perdre nos jobs | lose their jobs | ' +
  'ce soir | tonight | demain | tomorrow | lawyer | avocat | plainte | ombudsman | mediateur | 60 millions | ufc';
