/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-demo-script"

#include "config.h"

#include <string.h>

#include "desk-demo-script.h"

/* Short names keep the tables below readable as a script. */
#define CUSTOMER DESK_DIRECTION_INCOMING
#define TEAM DESK_DIRECTION_OUTGOING
#define MASTODON DESK_DEMO_FLAVOUR_MASTODON
#define BLUESKY DESK_DEMO_FLAVOUR_BLUESKY
#define PUBLIC DESK_CONVERSATION_KIND_PUBLIC
#define PRIVATE DESK_CONVERSATION_KIND_PRIVATE
#define FRESH DESK_DEMO_AGE_FRESH
#define DUE DESK_DEMO_AGE_DUE
#define OVERDUE DESK_DEMO_AGE_OVERDUE
#define ANSWERED DESK_DEMO_AGE_ANSWERED

/* Websites use the reserved .example domain: a demo must never send the
 * user to somebody's real page. */
static const DeskDemoCustomer customers[] = {
  /* On both networks: the agent should notice it is the same person. */
  { "jana", "Jana Köhler", "@jana@mastodon.social", "janakoehler.bsky.social",
    "de", 1240,
    "Radpendlerin aus Ehrenfeld 🚲 UX-Designerin, Kaffee-Snob. "
    "🔗 janakoehler.example",
    "https://janakoehler.example/", FALSE },

  /* Mastodon */
  { "stefan", "Stefan Brauer", "@stefanbrauer@norden.social", NULL, "de", 312,
    "Papa, Pendler, Plattfuß-Profi. Meistens auf dem Weg nach Deutz.", NULL,
    FALSE },
  { "matthias", "Matthias Ohligs", "@m_ohligs@koeln.social", NULL, "de", 187,
    "E-Bike statt Zweitwagen seit 2022. Bergisch Gladbach.", NULL, FALSE },
  { "petra", "Petra Wienand", "@petrawienand@mastodon.online", NULL, "de", 95,
    "Zweifach-Mama, Teilzeit-Buchhalterin, Vollzeit-Organisatorin.", NULL,
    FALSE },
  { "ole", "Ole Hansen", "@olehansen@chaos.social", NULL, "de", 2310,
    "Backend-Entwickler. Fährt bei jedem Wetter. Nordlicht im Rheinland.", NULL,
    FALSE },
  { "priya", "Priya Raman", "@priya@hachyderm.io", NULL, "en", 860,
    "Data scientist, new in Cologne 🇮🇳➡️🇩🇪 Learning German one "
    "Brötchen "
    "at a time.",
    NULL, FALSE },
  { "liam", "Liam O'Connor", "@liamoc@mastodon.ie", NULL, "en", 420,
    "Irish in Cologne. Software, sourdough, cycling.", NULL, FALSE },
  { "katrin", "Katrin Löhr", "@katrinloehr@troet.cafe", NULL, "de", 230,
    "Schraubt selbst, meistens erfolgreich 🔧", NULL, FALSE },
  { "ralf", "Ralle K.", "@ralle_k@mstdn.social", NULL, "de", 48,
    "Sagt, was andere nur denken. Kein Bock auf Mainstream.", NULL, TRUE },
  { "sebastian", "Sebastian Roth", "@sebroth@social.tchncs.de", NULL, "de", 640,
    "Stadtplaner. Träumt von autofreien Innenstädten.", NULL, FALSE },
  { "anja", "Anja Schmitz", "@anja_schmitz@koeln.social", NULL, "de", 155,
    "Altstadt-Kind. Rheinufer-Radlerin. Kölsch > Alt.", NULL, FALSE },
  { "felix", "Felix Weber", "@felixw@mastodon.social", NULL, "de", 78,
    "Lehramt Sport/Geo @ Uni Köln. Rad kaputt, Laune gut.", NULL, FALSE },
  { "monika", "Monika Albers", "@monika_albers@mastodon.social", NULL, "de", 34,
    "Rentnerin, Radlerin, Gartenfreundin.", NULL, FALSE },
  { "hannah", "Hannah Wright", "@hannahwright@mastodon.social", NULL, "en", 980,
    "Mum of one tiny mechanic. British, living in Köln.", NULL, FALSE },
  { "uwe", "Uwe Krämer", "@uwe_kraemer@mastodon.social", NULL, "de", 12,
    "Frührentner. Fährt gern an der Sieg.", NULL, FALSE },
  { "lukas", "Lukas Brandt", "@lukasbrandt@det.social", NULL, "de", 410,
    "Fotograf, Radfahrer, Kaffeetrinker.", NULL, FALSE },
  { "emily", "Emily Hartmann", "@emilyh@mastodon.online", NULL, "en", 305,
    "Expat in Cologne. Teacher. Always slightly lost on the KVB map.", NULL,
    FALSE },
  { "nils", "Nils Petersen", "@nilsp@ruhr.social", NULL, "de", 520,
    "Ingenieur, E-MTB im Bergischen.", NULL, FALSE },
  { "jonas-e", "Jonas Eklund", "@jonas@fosstodon.org", NULL, "en", 1520,
    "Open-source dev, 🇸🇪 in 🇩🇪. Bikepacking when the weather allows.", NULL,
    FALSE },
  { "sarah", "Sarah Yılmaz", "@sarahyilmaz@mastodon.social", NULL, "de", 690,
    "Pflegefachfrau, Radfahrerin, Katzenmensch 🐈", NULL, FALSE },
  { "christian", "Christian Vogel", "@chvogel@troet.cafe", NULL, "de", 344,
    "Gravel, Kaffee, Bergisches Land.", NULL, FALSE },
  { "leonie", "Leonie Hartung", "@leonie_h@social.tchncs.de", NULL, "de", 260,
    "HR bei einem Kölner Start-up. Mobilitätswende fängt im Büro an.", NULL,
    FALSE },
  { "marcel", "Marcel Jung", "@marceljung@norden.social", NULL, "de", 140,
    "Kurier aus Leidenschaft. 80 km am Tag.", NULL, FALSE },
  { "david", "David Kim", "@dkim@mastodon.social", NULL, "en", 530,
    "Korean-American in Cologne. UX research, bouldering, bikes.", NULL,
    FALSE },
  { "heike", "Heike Baum", "@heikebaum@koeln.social", NULL, "de", 210,
    "Grundschullehrerin in Nippes.", NULL, FALSE },
  { "alex", "Alex Moreau", "@alexmoreau@mastodon.online", NULL, "en", 175,
    "French-Canadian, trying to survive German winters.", NULL, FALSE },
  { "kai", "Kai Lorenz", "@kai_lorenz@chaos.social", NULL, "de", 890,
    "Repair-Café-Ehrenamtlicher. Kreislaufwirtschaft ♻️", NULL, FALSE },
  { "grace", "Grace Okafor", "@graceokafor@hachyderm.io", NULL, "en", 1330,
    "Product manager. Nigerian-born, Cologne-based. Looking for my first "
    "'real' bike.",
    NULL, FALSE },
  { "ben", "Ben Carter", "@bencarter@mastodon.social", NULL, "en", 260,
    "Brit abroad. Rides a steel tourer called Gerald.", NULL, FALSE },
  { "bernd", "Bernd Scholz", "@berndscholz@mastodon.social", NULL, "de", 8400,
    "Lokaljournalist: Stadtteile & Verkehr in Köln. Hinweise gern per DM.",
    NULL, FALSE },
  { "mehmet", "Mehmet Aydın", "@mehmet_aydin@koeln.social", NULL, "de", 95,
    "Kalk. Familie. Fahrrad statt KVB.", NULL, FALSE },
  { "clara", "Clara Neumann", "@claraneumann@troet.cafe", NULL, "de", 370,
    "Zwei Kinder, ein Lastenrad, null Parkplatzprobleme.", NULL, FALSE },
  { "oliver", "Oliver Grant", "@olivergrant@mastodon.social", NULL, "en", 610,
    "Consultant. Commutes by bike when the meetings allow.", NULL, FALSE },
  { "tanja", "Tanja Reuter", "@tanjareuter@mastodon.social", NULL, "de", 520,
    "Hollandrad-Fan seit 1998.", NULL, FALSE },
  { "frank", "Frank Heller", "@frankheller@norden.social", NULL, "de", 190,
    "Trekking, Touren, Tüfteln.", NULL, FALSE },
  { "yvonne", "Yvonne Kraft", "@yvonnekraft@mastodon.online", NULL, "de", 240,
    "Projektmanagerin, viel unterwegs.", NULL, FALSE },
  { "gregor", "Gregor Mertens", "@gregor_mertens@det.social", NULL, "de", 130,
    "Kein Auto seit 2019.", NULL, FALSE },

  /* Bluesky */
  { "kalle", "Kalle Brückner | Radkalle", NULL, "radkalle.bsky.social", "de",
    182400,
    "Radreisen, Werkstatt-Tutorials & ehrliche Tests 🎥 180k auf YouTube · "
    "Köln · radkalle.example",
    "https://radkalle.example/", FALSE },
  { "marta", "Marta Nowak", NULL, "martanowak.bsky.social", "en", 640,
    "Polish, Cologne-based architect. Long rides, longer coffee stops.", NULL,
    FALSE },
  { "thomas", "Thomas Keller", NULL, "thomaskeller.bsky.social", "de", 120,
    "Pendelt 22 km am Tag mit dem E-Bike.", NULL, FALSE },
  { "lisa", "Lisa Sommer", NULL, "lisasommer.bsky.social", "de", 410,
    "Marketing, Pilates, Pasta.", NULL, FALSE },
  { "paul", "Paul Engel", NULL, "paulengel.bsky.social", "de", 930,
    "Gravel & Gardinen. Raumausstatter aus Sülz.", NULL, FALSE },
  { "chris", "Chris Jensen", NULL, "chrisjensen.bsky.social", "en", 220,
    "Danish engineer. Fixes things, mostly.", NULL, FALSE },
  { "miriam", "Miriam Stein", NULL, "miriamstein.bsky.social", "de", 330,
    "Bibliothekarin, Geschenke-Planerin aus Leidenschaft.", NULL, FALSE },
  { "ryan", "Ryan Mitchell", NULL, "ryanmitchell.bsky.social", "en", 1120,
    "Bikepacking, film cameras, too many maps.", NULL, FALSE },
  { "jan", "Jan Wolters", NULL, "janwolters.bsky.social", "de", 76,
    "Student. Aktuell leider fahrradlos.", NULL, FALSE },
  { "svenja", "Svenja Hoffmann", NULL, "svenjahoffmann.bsky.social", "de", 285,
    "MTB-Trails im Siebengebirge, Bürojob in Deutz.", NULL, FALSE },
  { "aisha", "Aisha Rahman", NULL, "aisharahman.bsky.social", "en", 560,
    "Researcher at a Cologne university. Cycling in all weathers.", NULL,
    FALSE },
  { "dennis", "Dennis Kuhn", NULL, "denniskuhn.bsky.social", "de", 190,
    "Meinungen sind meine eigenen. Meistens genervt von Warteschleifen.", NULL,
    FALSE },
  { "ricarda", "Ricarda Lenz", NULL, "ricardalenz.bsky.social", "de", 450,
    "Tochter, Freundin, Radfahrerin. Köln-Mülheim.", NULL, FALSE },
  { "noah", "Noah Schneider", NULL, "noahschneider.bsky.social", "en", 380,
    "Dad of twins + one Bullitt cargo bike.", NULL, FALSE },
  { "melanie", "Melanie Fuchs", NULL, "melaniefuchs.bsky.social", "de", 270,
    "Mama, Erzieherin, Radlerin 🚲", NULL, FALSE },
  { "jasmin", "Jasmin Patel", NULL, "jasminpatel.bsky.social", "en", 840,
    "Maker. Welding, 3D printing, old steel bikes.", NULL, FALSE },
  { "moritz", "Moritz Hahn", NULL, "moritzhahn.bsky.social", "de", 510,
    "Gravel-Nerd. Wiegt Schrauben.", NULL, FALSE },
  { "gabriele", "Gabriele Simons", NULL, "gabrielesimons.bsky.social", "de", 58,
    "Lehrerin im Ruhestand.", NULL, FALSE },
  { "lucas", "Lucas Meyer", NULL, "lucasmeyer.bsky.social", "en", 300,
    "Canadian in Cologne. Grad student. Cheap but cheerful.", NULL, FALSE },
  { "tobias", "Tobias Winter", NULL, "tobiaswinter.bsky.social", "de", 610,
    "Softwareentwickler. E-Bike-Pendler (theoretisch).", NULL, FALSE },
  { "nadine", "Nadine Franke", NULL, "nadinefranke.bsky.social", "de", 380,
    "Zwei Räder geklaut, noch nicht aufgegeben.", NULL, FALSE },
  { "ahmet", "Ahmet Demir", NULL, "ahmetdemir.bsky.social", "de", 230,
    "Elektriker, Vater, Frühaufsteher.", NULL, FALSE },
  { "emma", "Emma Lindqvist", NULL, "emmalindqvist.bsky.social", "en", 14300,
    "Bikepacking & slow travel ✨ Europe by bike, one bakery at a time. "
    "emmarides.example",
    "https://emmarides.example/", FALSE },
  { "florian", "Florian Busch", NULL, "florianbusch.bsky.social", "de", 720,
    "Rollifahrer, Papa, Inklusionsberater.", NULL, FALSE },
  { "kerstin", "Kerstin Vogt", NULL, "kerstinvogt.bsky.social", "de", 190,
    "Lastenrad-Mama aus Nippes.", NULL, FALSE },
  { "daniel", "Daniel Osei", NULL, "danielosei.bsky.social", "en", 410,
    "Nurse. New bike, new city, German in progress.", NULL, FALSE },
  { "sabine", "Sabine Kühn", NULL, "sabinekuehn.bsky.social", "de", 150,
    "Steuerberaterin. Fährt zum Ausgleich Rad.", NULL, FALSE },
  { "jonas-b", "Jonas Berger", NULL, "jonasberger.bsky.social", "de", 260,
    "Schichtdienst und Fahrradliebe.", NULL, FALSE },
  { "sofia", "Sofia Rossi", NULL, "sofiarossi.bsky.social", "en", 980,
    "Travelling with my partner 🇮🇹 Food, bikes, sunsets.", NULL, FALSE },
  { "lara", "Lara Schubert", NULL, "laraschubert.bsky.social", "de", 120,
    "Studentin, Köln-Sülz.", NULL, FALSE },
  { "ethan", "Ethan Brooks", NULL, "ethanbrooks.bsky.social", "en", 330,
    "American in Cologne. E-bike convert.", NULL, FALSE },
  { "patrick", "Patrick Schulte", NULL, "patrickschulte.bsky.social", "de", 205,
    "Zu faul zum Flicken, zu geizig fürs Auto.", NULL, FALSE },
  { "isabell", "Isabell Wagner", NULL, "isabellwagner.bsky.social", "de", 340,
    "Winterradlerin. Kalte Finger, warmes Herz.", NULL, FALSE },
  { "sam", "Sam Whitfield", NULL, "samwhitfield.bsky.social", "en", 150,
    "British by birth, Austrian by marriage. Vienna.", NULL, FALSE },

  /* No initial conversation: the live generator lets them write first. */
  { "birgit", "Birgit Hesse", "@birgithesse@koeln.social", NULL, "de", 88,
    "Sülz. Garten, Gemüse, Gepäckträger.", NULL, FALSE },
  { "joerg", "Jörg Lammert", "@joerg_l@norden.social", NULL, "de", 150,
    "Radtouren an Rhein und Mosel.", NULL, FALSE },
  { "elif", "Elif Kaya", "@elifkaya@mastodon.social", NULL, "de", 460,
    "Architektin. Fährt ein rotes Rennrad aus den 80ern.", NULL, FALSE },
  { "max", "Maximilian Dreher", "@maxdreher@chaos.social", NULL, "de", 1020,
    "Sysadmin. Tourenrad, Thermoskanne, Tarp.", NULL, FALSE },
  { "ute", "Ute Lindner", "@ute_lindner@troet.cafe", NULL, "de", 65,
    "Oma von drei Enkeln, alle mit Laufrad.", NULL, FALSE },
  { "mia", "Mia Andersson", "@mia_andersson@mastodon.social", NULL, "en", 300,
    "Swedish designer in Cologne. Bikes > cars.", NULL, FALSE },
  { "george", "George Patterson", "@gpatterson@mastodon.online", NULL, "en",
    210, "Retired engineer from Leeds, now in Bonn. Tinkerer.", NULL, FALSE },
  { "chloe", "Chloé Martin", "@chloemartin@mastodon.social", NULL, "en", 740,
    "Translator (FR/EN/DE). Weekend rides along the Rhine.", NULL, FALSE },
  { "timo", "Timo Rauch", NULL, "timorauch.bsky.social", "de", 140,
    "Azubi Mechatronik. Schraubt an allem, was Räder hat.", NULL, FALSE },
  { "johanna", "Johanna Peters", NULL, "johannapeters.bsky.social", "de", 520,
    "Ärztin im Schichtdienst. Fahrrad ist mein Pendelzug.", NULL, FALSE },
  { "kevin", "Kevin Schäfer", NULL, "kevinschaefer.bsky.social", "de", 95,
    "FC-Fan. Fährt zum Stadion nur mit dem Rad.", NULL, FALSE },
  { "nele", "Nele Jansen", NULL, "nelejansen.bsky.social", "de", 310,
    "Illustratorin. Zeichnet am liebsten Fahrräder.", NULL, FALSE },
  { "dominik", "Dominik Haas", NULL, "dominikhaas.bsky.social", "de", 180,
    "Vater von zwei Laufrad-Rasern.", NULL, FALSE },
  { "olivia", "Olivia Brown", NULL, "oliviabrown.bsky.social", "en", 430,
    "Erasmus in Cologne 🇬🇧 Exploring by bike.", NULL, FALSE },
  { "mateo", "Mateo García", NULL, "mateogarcia.bsky.social", "en", 260,
    "Chef from Valencia, now cooking in Cologne.", NULL, FALSE },
  { "ava", "Ava Collins", NULL, "avacollins.bsky.social", "en", 610,
    "Irish, curious, always on two wheels.", NULL, FALSE },
};

/* The team signs with a first name, as small shops do on social media. */
static const DeskDemoConversation conversations[] = {
  /* ---- Mastodon ---- */
  { "jana",
    MASTODON,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad Kurze Frage: Mein Riemenantrieb quietscht seit "
                  "dem Regen gestern wie verrückt 😩 Kann ich da selbst was "
                  "machen oder lieber vorbeikommen?" },
      { TEAM,
        "Hallo Jana! Meistens hilft schon, den Riemen mit Wasser "
        "abzuspülen und trocknen zu lassen – bitte kein Kettenöl drauf "
        "🙂 Wenn's dann noch quietscht, komm gern vorbei, das Einstellen "
        "der Spannung dauert 10 Minuten. ^Lena" },
      { CUSTOMER, "Abspülen hat geholfen, Ruhe im Karton! Danke 🙏" },
      { TEAM, "Super, freut uns! Gute Fahrt durch Ehrenfeld 🚲 ^Lena" } } },
  { "stefan",
    MASTODON,
    PRIVATE,
    DUE,
    { { CUSTOMER, "Hallo, ich hab am 3. bestellt (Bestellnr. RR-48213), der "
                  "Status steht seit 5 Tagen auf „in Bearbeitung“. Wo bleibt "
                  "meine Bestellung? Brauche die Pedale fürs Wochenende." } } },
  { "matthias",
    MASTODON,
    PUBLIC,
    FRESH,
    { { CUSTOMER, "@rheinrad habt ihr diese Woche noch Termine für eine "
                  "Inspektion? Mein E-Bike (Bosch CX) macht beim Anfahren "
                  "komische Klackgeräusche" } } },
  { "petra",
    MASTODON,
    PUBLIC,
    OVERDUE,
    { { CUSTOMER, "@rheinrad Seit 12 Tagen warte ich auf meinen Kindersitz. "
                  "Versprochen waren 2–3 Werktage. Auf Mails antwortet keiner. "
                  "Echt enttäuschend. #kundenservice" } } },
  { "ole",
    MASTODON,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "Shoutout an @rheinrad: Platten um 8:50 gemeldet, um 9:30 "
                  "war das Rad fertig und ich pünktlich im Büro. So geht "
                  "Service! 👏 #Köln #Fahrrad" },
      { TEAM, "Danke dir, Ole! Das geht runter wie Öl – Kettenöl natürlich 😄 "
              "^Tom" } } },
  { "priya",
    MASTODON,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad do you also service Brompton folding bikes? Just "
                  "moved to Cologne and mine needs new brake pads." },
      { TEAM, "Hi Priya, welcome to Cologne! 🎉 Yes, we service Bromptons – "
              "brake pads are usually done while you wait. Just drop by "
              "Mon–Sat, 10–18. ^Murat" },
      { CUSTOMER, "Perfect, see you Saturday!" },
      { TEAM, "See you then! 👋 ^Murat" } } },
  { "liam",
    MASTODON,
    PUBLIC,
    DUE,
    { { CUSTOMER, "@rheinrad Is the Riese & Müller Charger4 in 53 cm in stock "
                  "at the shop? Website says 'available on request' which "
                  "doesn't tell me much 😅" } } },
  { "katrin",
    MASTODON,
    PRIVATE,
    ANSWERED,
    { { CUSTOMER, "Hallo Rheinrad-Team, ich hab statt der bestellten Deore "
                  "Bremsbeläge (Resin) die gesinterten bekommen. Bestellung "
                  "RR-47990. Kann ich die tauschen?" },
      { TEAM, "Hallo Katrin, sorry für die Verwechslung! Schick die falschen "
              "Beläge einfach mit dem beiliegenden Retourenschein zurück, die "
              "richtigen gehen heute noch raus. ^Lena" },
      { CUSTOMER, "Super, danke für die schnelle Antwort!" },
      { TEAM, "Gern! Den Tracking-Link bekommst du per Mail. ^Lena" } } },
  { "ralf",
    MASTODON,
    PUBLIC,
    FRESH,
    { { CUSTOMER, "@rheinrad Abzocker-Laden. 90 € für ne Inspektion und danach "
                  "quietscht's mehr als vorher 🤡 Wer da hingeht ist selber "
                  "schuld. #Abzocke" },
      { TEAM, "Hallo Ralle, das tut uns leid. Magst du uns per DM sagen, wann "
              "du bei uns warst? Dann schauen wir uns das Quietschen kostenlos "
              "nochmal an. ^Tom" },
      { CUSTOMER, "Per DM, damit's keiner sieht, klar 😂 Lernt erstmal "
                  "schrauben, ihr Amateure." } } },
  { "sebastian",
    MASTODON,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad Wär cool, wenn ihr Lastenräder auch übers "
                  "Wochenende zum Testen verleihen würdet. Blind kaufen will "
                  "ich so ein Teil nicht 🤷‍♂️" },
      { TEAM, "Gute Idee, Sebastian! Probefahrten gehen schon jetzt, ein "
              "Wochenend-Testrad überlegen wir gerade. Wir sagen Bescheid, "
              "sobald's das gibt! ^Murat" } } },
  { "anja",
    MASTODON,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad Welche Reifen würdet ihr für Kopfsteinpflaster in "
                  "der Altstadt + Rheinufer empfehlen? Fahre jetzt 28 mm und "
                  "das rüttelt ordentlich" },
      { TEAM, "Hallo Anja! Wenn dein Rahmen es hergibt: 35–40 mm mit etwas "
              "weniger Druck, z. B. Schwalbe G-One Allround oder Continental "
              "Contact Plus. Komm vorbei, dann messen wir die Freiheit am "
              "Rahmen. ^Lena" } } },
  { "felix",
    MASTODON,
    PUBLIC,
    FRESH,
    { { CUSTOMER,
        "@rheinrad Mein Hinterrad eiert nach nem Bordstein-Kontakt 🙈 "
        "Zentriert ihr auch spontan oder brauch ich nen Termin?" } } },
  { "monika",
    MASTODON,
    PRIVATE,
    OVERDUE,
    { { CUSTOMER,
        "Guten Tag, ich habe eine Rechnung für die Reparatur meines "
        "Rades über 148,50 € bekommen. Im Kostenvoranschlag standen "
        "90 €. Mir hat niemand Bescheid gegeben, dass es teurer wird. "
        "Ich bitte um Klärung." },
      { CUSTOMER, "Nachtrag: Ich bin vormittags telefonisch erreichbar." } } },
  { "hannah",
    MASTODON,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER,
        "Big thanks to @rheinrad for fitting a kid seat on my bike in "
        "20 minutes while my toddler 'helped'. Patient people! 🚲❤️" },
      { TEAM, "Haha, best assistant we've had all week! Thanks Hannah 😊 "
              "^Tom" } } },
  { "uwe",
    MASTODON,
    PUBLIC,
    DUE,
    { { CUSTOMER, "@rheinrad guten tag ich hab ein e bike von ihnen gekauft "
                  "2021 und der akku hält nur noch 20 km. ist das normal?? was "
                  "kostet ein neuer" } } },
  { "lukas",
    MASTODON,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER,
        "@rheinrad Wo bleibt meine Bestellung? Sollte gestern kommen, "
        "DHL sagt 'Sendung wurde noch nicht übergeben' 🤔" },
      { TEAM,
        "Hallo Lukas, schreib uns bitte kurz per DM mit deiner "
        "Bestellnummer – die gehört nicht öffentlich hierher 🙂 Dann "
        "schauen wir sofort nach. ^Lena" },
      { CUSTOMER, "Hab geschrieben!" },
      { TEAM, "Danke, ist angekommen. Dein Paket geht heute raus, sorry für "
              "die Verzögerung! ^Lena" } } },
  { "emily",
    MASTODON,
    PUBLIC,
    OVERDUE,
    { { CUSTOMER, "@rheinrad ordered a helmet on your webshop 9 days ago, "
                  "still no shipping confirmation. Order RR-48107, email "
                  "emily.h@example.org. Can someone please check? Getting a "
                  "bit worried." } } },
  { "nils",
    MASTODON,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad Wie lange sind aktuell die Wartezeiten für eine "
                  "Motor-Diagnose (Yamaha)?" },
      { TEAM, "Hallo Nils, gerade etwa 4–5 Werktage. Termin kannst du online "
              "oder telefonisch buchen, die Diagnose kostet 35 € und wird bei "
              "einer Reparatur angerechnet. ^Murat" },
      { CUSTOMER, "Ok, hab für Donnerstag gebucht 👍" },
      { TEAM, "Perfekt, bis Donnerstag! ^Murat" } } },
  { "jonas-e",
    MASTODON,
    PUBLIC,
    FRESH,
    { { CUSTOMER, "@rheinrad quick q: do you sell tubeless sealant in small "
                  "bottles? Need one for a trip next week ✈️🚲" } } },
  { "sarah",
    MASTODON,
    PRIVATE,
    ANSWERED,
    { { CUSTOMER, "Hallo, mein neues Rad (Lieferung gestern) hat einen Kratzer "
                  "und eine Delle am Oberrohr 😢 Der Karton war schon "
                  "beschädigt. Was jetzt?" },
      { TEAM, "Hallo Sarah, das tut uns sehr leid! Schick uns bitte Fotos von "
              "Rad und Karton hier rein. Wir kümmern uns um den "
              "Transportschaden und melden uns innerhalb von 24 Stunden mit "
              "einer Lösung. ^Lena" },
      { CUSTOMER, "Fotos sind unterwegs. Ich will eigentlich kein Geld zurück, "
                  "sondern ein einwandfreies Rad." },
      { TEAM, "Verständlich! Wir haben ein neues Rahmenset bestellt und bauen "
              "es auf unsere Kosten in der Werkstatt um. Einen Termin schlagen "
              "wir dir morgen vor. ^Lena" } } },
  { "christian",
    MASTODON,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad Danke für die Beratung letzten Samstag, das "
                  "Gravelbike ist ein Traum 😍 Erste Runde durchs Bergische "
                  "gedreht! #gravel" },
      { TEAM, "Wie schön, Christian! Schick gern mal ein Foto von der Runde 🌲 "
              "^Tom" } } },
  { "leonie",
    MASTODON,
    PUBLIC,
    DUE,
    { { CUSTOMER, "@rheinrad Bietet ihr auch Dienstrad-Leasing über den "
                  "Arbeitgeber an? Wir wollen das im Team einführen und "
                  "suchen einen Händler vor Ort." } } },
  { "marcel",
    MASTODON,
    PUBLIC,
    OVERDUE,
    { { CUSTOMER, "@rheinrad Zum dritten Mal seit März dieselbe Speiche "
                  "gebrochen. Jedes Mal 25 €. Irgendwann ist das kein Zufall "
                  "mehr." } } },
  { "david",
    MASTODON,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad Are you open on public holidays? Thinking about "
                  "bringing my bike in on Thursday." },
      { TEAM, "Hi David, we're closed on Thursday (holiday) but open Friday "
              "and Saturday as usual, 10–18. ^Murat" } } },
  { "heike",
    MASTODON,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad Macht ihr auch Fahrrad-Codierungen gegen "
                  "Diebstahl? Die Polizei bietet's hier nur alle paar Monate "
                  "an" },
      { TEAM, "Hallo Heike, ja! Mit Kaufbeleg und Ausweis, 15 €, dauert etwa "
              "15 Minuten und geht ohne Termin. ^Tom" } } },
  { "alex",
    MASTODON,
    PRIVATE,
    FRESH,
    { { CUSTOMER, "Hi, I'd like to return the rain jacket I bought online (too "
                  "small). Do I need to print a label or can I just bring it "
                  "to the shop?" } } },
  { "kai",
    MASTODON,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad Find's super, dass ihr alte Räder ankauft und "
                  "wieder fit macht ♻️ Wie läuft das ab?" },
      { TEAM, "Hallo Kai! Einfach mit dem Rad vorbeikommen, wir machen dir "
              "vor Ort ein Angebot. Aufbereitet landen sie dann in unserer "
              "Gebraucht-Ecke 🚲 ^Murat" } } },
  { "grace",
    MASTODON,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad what's your take on hub gears vs derailleurs for "
                  "a daily commute with lots of stop-and-go? Planning to buy "
                  "this spring" },
      { TEAM, "Hi Grace! For stop-and-go city riding we love hub gears: you "
              "can shift while standing at a red light and there's hardly any "
              "maintenance. Come and test ride both! ^Lena" },
      { CUSTOMER, "Test ride sounds good. Is Saturday busy?" },
      { TEAM, "Saturday mornings are calmer – come before 12 and you'll have "
              "our full attention 🙂 ^Lena" } } },
  { "ben",
    MASTODON,
    PUBLIC,
    OVERDUE,
    { { CUSTOMER, "@rheinrad I was told my bike would be ready on Tuesday. "
                  "It's Thursday. Nobody called. Not impressed." } } },
  { "bernd",
    MASTODON,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad Für einen Artikel über Kölner Fahrradwerkstätten: "
                  "Wie lang sind bei euch gerade die Wartezeiten, und merkt "
                  "ihr den E-Bike-Boom?" },
      { TEAM, "Hallo Bernd, gern! Normale Reparaturen 2–3 Tage, "
              "E-Bike-Diagnosen etwa eine Woche. Inzwischen ist fast jedes "
              "zweite Rad in der Werkstatt ein E-Bike. Für ein Gespräch mit "
              "unserem Werkstattleiter schreib uns gern per DM. ^Tom" } } },
  { "mehmet",
    MASTODON,
    PUBLIC,
    DUE,
    { { CUSTOMER, "@rheinrad Hab gestern bei euch ein Schloss gekauft, heute "
                  "bricht der Schlüssel beim Aufschließen ab 😤 Umtausch "
                  "möglich??" } } },
  { "clara",
    MASTODON,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad Wann kommt das 20-Zoll-Kinderrad von Cube wieder "
                  "rein? Online steht seit Wochen 'bald verfügbar'" },
      { TEAM, "Hallo Clara, laut Hersteller Ende des Monats. Wir können dir "
              "eins reservieren – schreib uns dafür kurz per DM. ^Murat" } } },
  { "oliver",
    MASTODON,
    PRIVATE,
    ANSWERED,
    { { CUSTOMER, "Hi, could you send me an invoice with my company's name on "
                  "it for last week's repair? Need it for expenses." },
      { TEAM, "Hi Oliver, sure! Send us the company name and address here and "
              "we'll email the corrected invoice today. ^Lena" },
      { CUSTOMER, "Done, see above. Thanks!" },
      { TEAM, "Got it – the invoice is on its way. ^Lena" } } },
  { "tanja",
    MASTODON,
    PUBLIC,
    FRESH,
    { { CUSTOMER,
        "Hat jemand Erfahrung mit der Werkstatt von @rheinrad? "
        "Überlege, mein altes Hollandrad dort überholen zu lassen 🤔 "
        "#köln #fahrrad" } } },
  { "frank",
    MASTODON,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad Könnt ihr an meinem Trekkingrad einen "
                  "Nabendynamo nachrüsten? Was kostet das ungefähr?" },
      { TEAM, "Hallo Frank, klar! Mit Laufrad, Lampen vorne/hinten und "
              "Einbau liegst du je nach Modell bei 180–260 €. Komm vorbei, "
              "dann machen wir dir ein genaues Angebot. ^Tom" } } },
  { "yvonne",
    MASTODON,
    PRIVATE,
    DUE,
    { { CUSTOMER, "Hallo! Kann ich die Abholung meines reparierten Rads auf "
                  "Samstag verschieben? Bin bis Freitag auf Dienstreise." } } },
  { "gregor",
    MASTODON,
    PUBLIC,
    OVERDUE,
    { { CUSTOMER, "@rheinrad Seit zwei Wochen warte ich auf einen Rückruf "
                  "wegen meines Garantiefalls (Display defekt). Langsam "
                  "nervt's." },
      { TEAM, "Hallo Gregor, sorry für die Wartezeit! Bosch prüft den Fall "
              "noch, wir haken heute nach und melden uns. ^Murat" },
      { CUSTOMER, "Das war vor 3 Tagen. Seitdem wieder nichts. 🙄" } } },
  { "lukas",
    MASTODON,
    PRIVATE,
    ANSWERED,
    { { CUSTOMER, "Hi, hier Lukas wegen der Bestellung von gestern: RR-48177. "
                  "Danke fürs Nachschauen!" },
      { TEAM, "Hallo Lukas, gefunden – das Paket lag noch im Lager. Geht "
              "heute raus, die Versandkosten erstatten wir dir. ^Lena" } } },

  /* ---- Bluesky ---- */
  { "jana",
    BLUESKY,
    PUBLIC,
    FRESH,
    { { CUSTOMER,
        "Hat jemand nen Tipp für gute Regenhosen zum Pendeln? Meine "
        "alte ist durch 🌧️ @rheinrad.bsky.social habt ihr was da?" },
      { TEAM, "Hallo Jana! Gerade da: Regenhosen von Vaude und Gonso, beide "
              "mit Reißverschluss am Bein – passen auch über Straßenschuhe. "
              "Probier gern im Laden an! ^Tom" },
      { CUSTOMER, "Danke! Habt ihr die auch in XS? 🙏" } } },
  { "kalle",
    BLUESKY,
    PUBLIC,
    DUE,
    { { CUSTOMER, "Hey @rheinrad.bsky.social 👋 Ich plane ein Video: "
                  "Pinion-Getriebe vs. Kettenschaltung im Alltag. Habt ihr ein "
                  "Pinion-Rad, das ich ein paar Tage ausleihen könnte? Gern "
                  "auch mit Interview mit eurem Werkstatt-Team 🎬" } } },
  { "marta",
    BLUESKY,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad.bsky.social Hi! Do you offer bike fitting? "
                  "Getting knee pain on longer rides 😣" },
      { TEAM, "Hi Marta, yes! A bike fitting takes about 90 minutes and costs "
              "129 €. With knee pain it's often the saddle height, so it's "
              "worth it. Book online or drop by. ^Lena" } } },
  { "thomas",
    BLUESKY,
    PRIVATE,
    DUE,
    { { CUSTOMER, "Hallo, mein E-Bike war letzte Woche bei euch zur "
                  "Reparatur. Seitdem geht die Unterstützung immer wieder aus. "
                  "Kann ich direkt nochmal vorbeikommen?" } } },
  { "lisa",
    BLUESKY,
    PUBLIC,
    FRESH,
    { { CUSTOMER, "@rheinrad.bsky.social Wo bleibt meine Bestellung?? 😡 Seit "
                  "10 Tagen nix, und die Hotline ist dauerbesetzt." } } },
  { "paul",
    BLUESKY,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "Ein Hoch auf @rheinrad.bsky.social 🙌 Schaltung am "
                  "Gravelbike endlich perfekt eingestellt, nachdem zwei andere "
                  "Werkstätten aufgegeben haben." },
      { TEAM, "Danke, Paul! Da hat uns der Ehrgeiz gepackt 😄 Viel Spaß auf "
              "dem Schotter! ^Murat" } } },
  { "chris",
    BLUESKY,
    PUBLIC,
    OVERDUE,
    { { CUSTOMER,
        "@rheinrad.bsky.social wrong part again 🙄 Ordered a 12-speed "
        "chain, got an 11-speed one. Second time this year." } } },
  { "miriam",
    BLUESKY,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad.bsky.social Verkauft ihr auch Gutscheine? Suche "
                  "ein Geschenk für meinen Papa, der schraubt gern selbst 🎁" },
      { TEAM, "Hallo Miriam! Ja, im Laden und online, jeder Betrag ab 10 €. "
              "Tipp: Unser Schrauberkurs am Samstag (49 €) kommt bei "
              "Selbstschraubern super an! ^Lena" },
      { CUSTOMER, "Oh, der Kurs ist perfekt! 😍" },
      { TEAM, "Freut uns! Viel Spaß beim Verschenken 🎁 ^Lena" } } },
  { "ryan",
    BLUESKY,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad.bsky.social any chance you'll stock Ortlieb "
                  "bikepacking bags? Would love to buy local instead of "
                  "online" },
      { TEAM, "Hi Ryan, great timing – the first Ortlieb bikepacking bags "
              "arrive next week! We'll post when they're in. ^Murat" } } },
  { "jan",
    BLUESKY,
    PUBLIC,
    DUE,
    { { CUSTOMER, "@rheinrad.bsky.social Mein Rad wurde geklaut 😭 Könnt ihr "
                  "mir die Rahmennummer raussuchen? Hab's 2022 bei euch "
                  "gekauft, für die Anzeige." } } },
  { "svenja",
    BLUESKY,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad.bsky.social wie lange dauert ein Bremsenservice "
                  "(hydraulisch, entlüften)? Kann ich morgens bringen und "
                  "abends abholen?" },
      { TEAM, "Hallo Svenja, das klappt: bis 10 Uhr bringen, ab 17 Uhr "
              "abholen. Entlüften kostet 29 € pro Bremse. ^Tom" } } },
  { "aisha",
    BLUESKY,
    PRIVATE,
    ANSWERED,
    { { CUSTOMER, "Hi, the front rack I bought came with a cracked mounting "
                  "bracket. Could you send a replacement part?" },
      { TEAM, "Hi Aisha, sorry about that! Could you send us a photo and your "
              "order number here? We'll ship the replacement right away. "
              "^Lena" },
      { CUSTOMER, "Photo's attached, order RR-48233." },
      { TEAM, "Thanks! The replacement ships today, no need to send anything "
              "back. ^Lena" } } },
  { "dennis",
    BLUESKY,
    PUBLIC,
    OVERDUE,
    { { CUSTOMER, "@rheinrad.bsky.social 45 Minuten in der Warteschleife und "
                  "dann aufgelegt 🙃 Gibt's euch eigentlich noch?" } } },
  { "ricarda",
    BLUESKY,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad.bsky.social Gibt's bei euch Radfahrkurse für "
                  "Erwachsene, die es nie gelernt haben? Frage für meine "
                  "Mutter 💛" },
      { TEAM, "Hallo Ricarda, wie schön! Wir selbst bieten das nicht an, aber "
              "der ADFC Köln hat tolle Kurse für Erwachsene. Und wenn's dann "
              "ein Rad sein soll: Wir beraten gern! ^Murat" } } },
  { "noah",
    BLUESKY,
    PUBLIC,
    FRESH,
    { { CUSTOMER, "@rheinrad.bsky.social Hi! Is there space to park a cargo "
                  "bike in front of your shop? Bringing my Bullitt in "
                  "tomorrow." } } },
  { "melanie",
    BLUESKY,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad.bsky.social Wollte nur Danke sagen: Mein Sohn (8) "
                  "hat bei euch sein erstes 'richtiges' Fahrrad bekommen und "
                  "die Beratung war sooo geduldig 🥹🚲" },
      { TEAM, "Oh wie schön, danke Melanie! Wir wünschen euch ganz viele "
              "tolle Touren 🚲✨ ^Tom" } } },
  { "jasmin",
    BLUESKY,
    PUBLIC,
    DUE,
    { { CUSTOMER, "@rheinrad.bsky.social Hey, do you do e-bike conversions? "
                  "I have an old steel frame I love and would like to add a "
                  "mid-drive motor." } } },
  { "moritz",
    BLUESKY,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad.bsky.social Habt ihr die GRX 2x12 Gruppe "
                  "vorrätig oder müsste ich die bestellen?" },
      { TEAM, "Hallo Moritz, komplett leider nur auf Bestellung, Lieferzeit "
              "etwa eine Woche. Kassette und Kette haben wir da. ^Murat" },
      { CUSTOMER, "Dann bestell ich gleich, danke!" },
      { TEAM, "Top, sag Bescheid, wenn wir sie montieren sollen 🔧 "
              "^Murat" } } },
  { "gabriele",
    BLUESKY,
    PRIVATE,
    OVERDUE,
    { { CUSTOMER, "Guten Tag, mir wurde für dieselbe Bestellung zweimal "
                  "89,90 € abgebucht. Bitte erstatten Sie den doppelten "
                  "Betrag." } } },
  { "lucas",
    BLUESKY,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "Shoutout to @rheinrad.bsky.social for the honest advice: "
                  "my old bike just needed brake pads + a chain, not a whole "
                  "new bike. Saved me €800 😄" },
      { TEAM, "Haha, thanks Lucas! That bike still has many kilometres in it "
              "💪 ^Lena" } } },
  { "tobias",
    BLUESKY,
    PUBLIC,
    OVERDUE,
    { { CUSTOMER, "@rheinrad.bsky.social Mein bestellter Akku (PowerTube 625) "
                  "ist seit 3 Wochen 'unterwegs'. Ohne Akku ist das E-Bike "
                  "halt nur schwer 🙄" } } },
  { "nadine",
    BLUESKY,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad.bsky.social Welche Schlösser empfehlt ihr in Köln "
                  "wirklich? Hab schon zwei Räder am Bahnhof verloren…" },
      { TEAM, "Hallo Nadine, am Bahnhof: ein gutes Bügelschloss und immer den "
              "Rahmen an etwas Festem anschließen. Im Laden zeigen wir dir "
              "gern ein paar Modelle. ^Tom" } } },
  { "ahmet",
    BLUESKY,
    PUBLIC,
    FRESH,
    { { CUSTOMER, "@rheinrad.bsky.social Werkstatttermin online gebucht, aber "
                  "keine Bestätigung bekommen. Steht der Termin morgen um "
                  "9?" } } },
  { "emma",
    BLUESKY,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "Rolled out from Cologne to Amsterdam today 🇳🇱 Huge thanks "
                  "to @rheinrad.bsky.social for the last-minute wheel truing! "
                  "Not a single wobble in 260 km." },
      { TEAM, "Wow, congrats Emma! Proud our wheel made it to Amsterdam 🎉 "
              "Safe travels! ^Murat" } } },
  { "florian",
    BLUESKY,
    PUBLIC,
    DUE,
    { { CUSTOMER, "@rheinrad.bsky.social Ist euer Laden barrierefrei? Komme "
                  "mit dem Rollstuhl und dem Rad meiner Tochter." } } },
  { "kerstin",
    BLUESKY,
    PRIVATE,
    ANSWERED,
    { { CUSTOMER, "Hallo, ich hätte gern einen Termin für eine Inspektion "
                  "meines Lastenrads (Urban Arrow). Wann geht's?" },
      { TEAM, "Hallo Kerstin! Nächste freie Lastenrad-Termine: Dienstag 9 Uhr "
              "oder Donnerstag 14 Uhr. Was passt dir? ^Lena" },
      { CUSTOMER, "Dienstag 9 Uhr passt!" },
      { TEAM, "Ist eingetragen. Bis Dienstag! ^Lena" } } },
  { "daniel",
    BLUESKY,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad.bsky.social do you speak English at the "
                  "workshop? My German is… work in progress 😅" },
      { TEAM, "Hi Daniel, absolutely – most of our team speaks English, and "
              "the bikes don't mind either 😄 ^Tom" } } },
  { "sabine",
    BLUESKY,
    PUBLIC,
    OVERDUE,
    { { CUSTOMER, "@rheinrad.bsky.social Hab den Kostenvoranschlag vor 4 "
                  "Tagen bestätigt, seitdem Funkstille. Ist mein Rad schon in "
                  "Arbeit?" } } },
  { "jonas-b",
    BLUESKY,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad.bsky.social Bitte macht Online-Termine auch für "
                  "Samstage möglich 🙏 Unter der Woche schaff ich's nie." },
      { TEAM, "Hallo Jonas, guter Punkt! Samstags nehmen wir spontan an, "
              "deshalb ist online gesperrt. Wir nehmen deinen Wunsch aber mit "
              "ins Teammeeting! ^Murat" } } },
  { "sofia",
    BLUESKY,
    PUBLIC,
    FRESH,
    { { CUSTOMER, "@rheinrad.bsky.social Hi there! Do you rent bikes to "
                  "tourists? We're in Cologne for 3 days and want to ride "
                  "along the Rhine 🚲☀️" } } },
  { "lara",
    BLUESKY,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad.bsky.social Mein Kettenschutz klappert. "
                  "Kleinigkeit, aber nervt. Muss ich dafür nen Termin "
                  "machen?" },
      { TEAM, "Hallo Lara, nee, sowas machen wir direkt, während du wartest. "
              "Einfach vorbeikommen! ^Tom" } } },
  { "ethan",
    BLUESKY,
    PUBLIC,
    DUE,
    { { CUSTOMER, "@rheinrad.bsky.social The e-bike I bought 2 months ago "
                  "shows error 503 on the display. Is that covered by the "
                  "warranty?" } } },
  { "patrick",
    BLUESKY,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER,
        "@rheinrad.bsky.social Was kostet bei euch ein Schlauchwechsel "
        "hinten mit Nabenschaltung? Hab keine Lust mehr, selbst zu "
        "fummeln 😅" },
      { TEAM, "Hallo Patrick, 19 € inklusive Schlauch, bei Nabenschaltung "
              "ohne Aufpreis. Meist in 20 Minuten erledigt. ^Lena" } } },
  { "paul",
    BLUESKY,
    PRIVATE,
    OVERDUE,
    { { CUSTOMER, "Hi, Paul nochmal 🙂 Die Schaltung ist super, aber jetzt "
                  "knackt das Tretlager bei jedem Tritt. Kann ich nächste "
                  "Woche vorbeikommen?" } } },
  { "isabell",
    BLUESKY,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad.bsky.social Danke fürs schnelle Umtauschen der "
                  "Handschuhe, passen jetzt perfekt 🧤" },
      { TEAM, "Gern geschehen, Isabell! Warme Hände, gute Fahrt! ^Lena" } } },
  { "sam",
    BLUESKY,
    PUBLIC,
    ANSWERED,
    { { CUSTOMER, "@rheinrad.bsky.social Do you ship to Austria? Can't find it "
                  "in the checkout options." },
      { TEAM, "Hi Sam, yes! Pick the country first, then the address form "
              "shows Austria. Shipping is 9.90 €. ^Murat" } } },
};

typedef struct
{
  const char *language;
  const char *body;
} PoolEntry;

typedef struct
{
  const char *language;
  gboolean after_reply; /* FALSE: a nudge while still waiting */
  const char *body;
} FollowUpEntry;

typedef struct
{
  const char *language;
  gboolean troll;
  const char *body;
} AnswerEntry;

/* First messages of new conversations; the channel adds the brand mention
 * to public ones. */
static const PoolEntry new_messages[] = {
  { "de", "Hallo! Habt ihr heute noch Zeit für einen Platten? Stehe quasi vor "
          "der Tür 😅" },
  { "de", "Wo bleibt meine Bestellung? Seit einer Woche steht da 'Versand in "
          "Vorbereitung' 🤔" },
  { "de", "Kann man bei euch ein E-Bike auch in Raten zahlen?" },
  { "de", "Meine Schaltung springt ständig vom 3. in den 4. Gang. Lohnt sich "
          "ein Termin oder ist das nur Einstellungssache?" },
  { "de", "Verkauft ihr auch gebrauchte Kinderräder? Unser Kleiner ist über "
          "Nacht gewachsen 🙈" },
  { "de", "Wie lange habt ihr samstags offen?" },
  { "de", "Hab online Bremsscheiben bestellt, die passen aber nicht "
          "(Centerlock statt 6-Loch). Kann ich die zurückschicken?" },
  { "de", "Habt ihr einen Abholservice für Reparaturen? Hab kein Auto und "
          "das Rad fährt nicht mehr 🚲💥" },
  { "de", "Mega Beratung heute im Laden, danke an den Kollegen mit dem "
          "Schnauzer 👌" },
  { "de", "Gibt's bei euch Hundeanhänger zum Ausleihen oder nur zum Kaufen? "
          "🐕" },
  { "de", "Mein Akku lädt nicht mehr, das Ladegerät blinkt rot. Was tun??" },
  { "de", "Seit der Inspektion schleift hinten die Bremse. Kann ich nochmal "
          "vorbeikommen, ohne extra zu zahlen?" },
  { "de", "Wann kommen die neuen Riese & Müller Modelle rein? Würde gern eins "
          "Probe fahren" },
  { "en", "Hi! Can I book a repair appointment for this week? My gears are "
          "skipping like crazy." },
  { "en", "Where's my order? It's been 8 days and the tracking hasn't "
          "updated since Monday 😕" },
  { "en", "Do you have cargo bikes for test rides this weekend?" },
  { "en", "Just picked up my bike after the service – runs like new. Thanks "
          "folks! 🙌" },
  { "en", "Could I get a quote for replacing a cracked rear rim?" },
  { "en", "Do you sell child seats that fit on a rear rack? Our daughter is "
          "2." },
  { "en", "Got the wrong inner tubes in my delivery (26\" instead of 28\"). "
          "How do I exchange them?" },
  { "en", "Any chance you'll stock belt drive bikes? Tired of cleaning "
          "chains 😅" },
  { "en", "Are your mechanics trained for Bosch e-bike systems?" },
};

static const FollowUpEntry follow_ups[] = {
  { "de", FALSE, "Hallo? Noch jemand da? 👀" },
  { "de", FALSE, "Kurze Erinnerung an meine Frage von vorhin 🙂" },
  { "de", FALSE,
    "Wäre echt dankbar für eine kurze Rückmeldung, ist etwas "
    "dringend." },
  { "de", FALSE, "Gibt's schon was Neues?" },
  { "de", FALSE, "Ich warte immer noch…" },
  { "de", FALSE, "Hallo, habt ihr meine Nachricht gesehen?" },
  { "de", TRUE, "Danke! Noch eine Frage: Muss ich das Ladegerät mitbringen?" },
  { "de", TRUE, "Und was würde das ungefähr kosten?" },
  { "de", TRUE, "Okay, und geht das auch morgen Vormittag?" },
  { "de", TRUE, "Danke euch! Kann ich dann bar oder mit Karte zahlen?" },
  { "de", TRUE, "Alles klar. Muss ich vorher einen Termin machen?" },
  { "en", FALSE, "Hello? Anyone there? 🙂" },
  { "en", FALSE, "Just bumping this – any update?" },
  { "en", FALSE, "Still waiting on a reply here…" },
  { "en", TRUE, "Thanks! One more thing: do I need to bring the charger?" },
  { "en", TRUE, "Great, and roughly how much would that cost?" },
  { "en", TRUE, "Cool. Can I pay by card?" },
  { "en", TRUE, "Perfect – do I need an appointment for that?" },
  { "en", TRUE, "Thanks for the quick reply! Would Saturday work too?" },
};

static const AnswerEntry answers[] = {
  { "de", FALSE, "Vielen Dank für die schnelle Antwort! 🙏" },
  { "de", FALSE, "Super, dann komm ich morgen vorbei." },
  { "de", FALSE, "Danke! Und wie lange dauert das ungefähr?" },
  { "de", FALSE, "Top Service, 5 von 5 Sternen ⭐⭐⭐⭐⭐" },
  { "de", FALSE,
    "Ok, danke. Wär trotzdem schön gewesen, das früher zu "
    "erfahren." },
  { "de", FALSE, "Perfekt, genau das wollte ich wissen 👍" },
  { "de", FALSE, "Danke! Kann ich das auch online bezahlen?" },
  { "de", FALSE,
    "Hat alles geklappt, danke euch! Würd euch jederzeit "
    "weiterempfehlen. 10/10" },
  { "de", FALSE, "Alles klar, dann warte ich noch ein paar Tage ab." },
  { "de", FALSE, "Danke, das hilft mir weiter 😊" },
  { "en", FALSE, "Thanks so much for the quick reply! 🙏" },
  { "en", FALSE, "Great, I'll drop by tomorrow then." },
  { "en", FALSE, "Thanks! How long would that take?" },
  { "en", FALSE, "Fantastic service, 5/5 ⭐" },
  { "en", FALSE, "OK, thanks. Would have been nice to know earlier though." },
  { "en", FALSE, "Perfect, that's exactly what I needed to know 👍" },
  { "en", FALSE,
    "All sorted, thank you! Would recommend you to anyone. "
    "10/10" },
  { "de", TRUE, "Blabla, Textbaustein-Service 🥱" },
  { "de", TRUE, "Lol, als ob. Eure 'Lösungen' kenn ich schon." },
  { "de", TRUE, "Schreibt ihr das allen? 🤡 #Abzocke" },
  { "de", TRUE,
    "Spart euch das, ich erzähl trotzdem jedem, wie schlecht ihr "
    "seid." },
  { "en", TRUE,
    "Nice copy-paste answer. Still the worst bike shop in "
    "Cologne 🤡" },
  { "en", TRUE, "Wow, a bot could've written that." },
};

DeskDemoFlavour
desk_demo_flavour_from_string (const char *name)
{
  if (g_strcmp0 (name, "bluesky") == 0)
    return DESK_DEMO_FLAVOUR_BLUESKY;
  if (g_strcmp0 (name, "mastodon") == 0)
    return DESK_DEMO_FLAVOUR_MASTODON;
  return 0;
}

const char *
desk_demo_flavour_to_string (DeskDemoFlavour flavour)
{
  switch (flavour)
    {
      case DESK_DEMO_FLAVOUR_MASTODON:
        return "mastodon";
      case DESK_DEMO_FLAVOUR_BLUESKY:
        return "bluesky";
      default:
        g_return_val_if_reached (NULL);
    }
}

/* For the account rows the app creates for the demo workspace. */
const char *
desk_demo_script_get_account_display_name (void)
{
  return "Rheinrad – Fahrräder & E-Bike-Werkstatt";
}

const char *
desk_demo_script_get_account_handle (DeskDemoFlavour flavour)
{
  switch (flavour)
    {
      case DESK_DEMO_FLAVOUR_MASTODON:
        return "@rheinrad@koeln.social";
      case DESK_DEMO_FLAVOUR_BLUESKY:
        return "rheinrad.bsky.social";
      default:
        g_return_val_if_reached (NULL);
    }
}

guint
desk_demo_script_get_n_customers (void)
{
  return G_N_ELEMENTS (customers);
}

const DeskDemoCustomer *
desk_demo_script_get_customer (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (customers), NULL);

  return &customers[index];
}

const DeskDemoCustomer *
desk_demo_script_find_customer (const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (customers); i++)
    if (strcmp (customers[i].key, key) == 0)
      return &customers[i];

  return NULL;
}

/* NULL when the customer is not on that network. */
const char *
desk_demo_script_get_handle (const DeskDemoCustomer *customer,
                             DeskDemoFlavour flavour)
{
  g_return_val_if_fail (customer != NULL, NULL);

  if (flavour == DESK_DEMO_FLAVOUR_BLUESKY)
    return customer->bluesky_handle;
  return customer->mastodon_handle;
}

guint
desk_demo_script_get_n_conversations (void)
{
  return G_N_ELEMENTS (conversations);
}

const DeskDemoConversation *
desk_demo_script_get_conversation (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (conversations), NULL);

  return &conversations[index];
}

guint
desk_demo_script_count_lines (const DeskDemoConversation *conversation)
{
  guint n = 0;

  g_return_val_if_fail (conversation != NULL, 0);

  while (n < DESK_DEMO_MAX_LINES && conversation->lines[n].body != NULL)
    n++;
  return n;
}

static gint64
pick_last_age (GRand *rand, DeskDemoAge age)
{
  switch (age)
    {
      case DESK_DEMO_AGE_FRESH:
        return g_rand_int_range (rand, 90, 14 * 60);
      case DESK_DEMO_AGE_DUE:
        /* Inside 40-58 minutes with a margin, so a test that syncs a moment
         * later still sees them there. */
        return g_rand_int_range (rand, 41 * 60, 57 * 60);
      case DESK_DEMO_AGE_OVERDUE:
        return g_rand_int_range (rand, 2 * 3600 + 15 * 60, 29 * 3600);
      case DESK_DEMO_AGE_ANSWERED:
      default:
        return g_rand_int_range (rand, 45 * 60, 4 * 24 * 3600);
    }
}

/* Time between two messages of one thread, by who wrote them. */
static gint64
pick_gap (GRand *rand, DeskDirection before, DeskDirection after)
{
  if (before == DESK_DIRECTION_INCOMING && after == DESK_DIRECTION_OUTGOING)
    {
      /* Mostly within the hour, sometimes not: the team is human. */
      if (g_rand_int_range (rand, 0, 5) == 0)
        return g_rand_int_range (rand, 65 * 60, 3 * 3600);
      return g_rand_int_range (rand, 4 * 60, 55 * 60);
    }
  if (before == DESK_DIRECTION_OUTGOING && after == DESK_DIRECTION_INCOMING)
    return g_rand_int_range (rand, 10 * 60, 18 * 3600);
  return g_rand_int_range (rand, 60, 8 * 60);
}

/* Fills @times (one per line) with creation times for conversation @index
 * relative to @now. The same seed gives the same spread; each conversation
 * has its own random stream so adding one does not move the others. */
void
desk_demo_script_get_times (guint index,
                            guint32 seed,
                            gint64 now,
                            gint64 *times)
{
  const DeskDemoConversation *conversation;
  g_autoptr (GRand) rand = NULL;
  guint n;
  gint64 t;

  g_return_if_fail (index < G_N_ELEMENTS (conversations));
  g_return_if_fail (times != NULL);

  conversation = &conversations[index];
  n = desk_demo_script_count_lines (conversation);
  g_assert (n > 0);

  rand = g_rand_new_with_seed (seed ^ ((index + 1) * 2654435761u));
  t = now - pick_last_age (rand, conversation->age);
  times[n - 1] = t;
  for (guint j = n - 1; j > 0; j--)
    {
      t -= pick_gap (rand, conversation->lines[j - 1].direction,
                     conversation->lines[j].direction);
      times[j - 1] = t;
    }
}

/* Falls back to English for a language the pools do not have. */
static const char *
pool_language (const char *language)
{
  return g_strcmp0 (language, "de") == 0 ? "de" : "en";
}

const char *
desk_demo_script_pick_new_message (GRand *rand, const char *language)
{
  const char *lang = pool_language (language);
  guint n = 0;
  guint pick;

  g_return_val_if_fail (rand != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (new_messages); i++)
    if (strcmp (new_messages[i].language, lang) == 0)
      n++;

  pick = g_rand_int_range (rand, 0, n);
  for (guint i = 0; i < G_N_ELEMENTS (new_messages); i++)
    if (strcmp (new_messages[i].language, lang) == 0 && pick-- == 0)
      return new_messages[i].body;

  g_assert_not_reached ();
}

/* @after_reply: whether the team had the last word, so the customer asks
 * more rather than nudging. */
const char *
desk_demo_script_pick_follow_up (GRand *rand,
                                 const char *language,
                                 gboolean after_reply)
{
  const char *lang = pool_language (language);
  guint n = 0;
  guint pick;

  g_return_val_if_fail (rand != NULL, NULL);

  after_reply = !!after_reply;
  for (guint i = 0; i < G_N_ELEMENTS (follow_ups); i++)
    if (strcmp (follow_ups[i].language, lang) == 0
        && follow_ups[i].after_reply == after_reply)
      n++;

  pick = g_rand_int_range (rand, 0, n);
  for (guint i = 0; i < G_N_ELEMENTS (follow_ups); i++)
    if (strcmp (follow_ups[i].language, lang) == 0
        && follow_ups[i].after_reply == after_reply && pick-- == 0)
      return follow_ups[i].body;

  g_assert_not_reached ();
}

const char *
desk_demo_script_pick_answer (GRand *rand, const char *language, gboolean troll)
{
  const char *lang = pool_language (language);
  guint n = 0;
  guint pick;

  g_return_val_if_fail (rand != NULL, NULL);

  troll = !!troll;
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    if (strcmp (answers[i].language, lang) == 0 && answers[i].troll == troll)
      n++;

  pick = g_rand_int_range (rand, 0, n);
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    if (strcmp (answers[i].language, lang) == 0 && answers[i].troll == troll
        && pick-- == 0)
      return answers[i].body;

  g_assert_not_reached ();
}
