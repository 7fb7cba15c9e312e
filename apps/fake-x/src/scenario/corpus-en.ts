import type { Corpus } from './corpus';

/** English traffic for the same telecom brand. */
export const ENGLISH_CORPUS: Corpus = {
  complaint: [
    '{brand} been without internet for {hours} hours in {city}, any ETA?? {angry}',
    'ngl {brand} your customer service is the worst. 3 calls, 3 different answers {tired}',
    '{brand} why did my bill jump from $30 to $45 with zero notice??',
    'paying for 1Gb fiber and getting 5Mb in the evening. great job {brand} {facepalm}',
    "{brand} tech was supposed to show up between 8 and 12. it's 3pm. nobody. took a day off for this",
    '{brand} charged me twice this month, pls fix asap {angry}',
    'your app keeps crashing every time i try to check my data usage {brand}',
    'cancelled a month ago and {brand} is STILL billing me. how is this legal',
  ],
  question: [
    '{brand} hi! is fiber available on {street}, {city}? thx',
    'hey {brand} how do I turn on international roaming on my plan?',
    '{brand} can i keep my number if i switch to you guys?',
    'quick q {brand}: does eSIM work on a Pixel 8?',
    '{brand} do you have a student discount or nah',
  ],
  praise: [
    'shoutout to {brand} support, fixed my issue in 5 min on chat {happy}',
    '{brand} 5G in {city} is actually insane rn {fire}',
    "ok credit where it's due, the tech this morning was great. thanks {brand} {thumbs}",
  ],
  outage: [
    '{brand} is the network down?? no connection at all in {city}',
    'is {brand} down for everyone or just me #outage',
    '{brand} down again... no calls no data for {minutes} mins {angry}',
    "no connection since this morning, what's going on {brand}? outage?",
    "{brand} network is down in {city}, can't even call 911 if i need to. not ok",
    'total outage here too {brand} {facepalm}',
  ],
  recovery: [
    '{brand} back up here in {city}, thanks but pls communicate next time',
    'service is back {brand}, 2 hours down tho {tired}',
  ],
  followUp: [
    "{brand} still nothing?? it's been {hours}h",
    '{brand} hello?? anyone there {tired}',
    '{brand} thx for the reply but still not fixed',
  ],
  dm: [
    'Hi, following up on my tweet. Account number {account}, line under {name}.',
    "here's my account # as requested: {account}",
    'Hi again, still no service. ref {account}',
  ],
  quote: ['"best network in the country" lmao {brand} {facepalm}', 'finally some good news {brand} {happy}'],
  spam: [
    '{brand} 🔥 WIN a free iPhone 16!!! click here 👉 https://bit.ly/free-iphone-now',
    'crypto 100x guaranteed 🚀🚀 join my telegram https://t.me/moonsignals {brand}',
  ],
  brandPosts: [
    'New fiber deal: $24.99/month for 12 months 🚀 Details on vigie-telecom.com',
    'Our support team is here 7 days a week, 8am to 10pm, by DM.',
  ],
};
