/**
 * The separation guide (Hanko asked for "an easy-to-find information package for those considering or going
 * through a separation"; Raasepori developed separation support with NGOs, and Barnavårdsföreningen's support
 * group for children of separated parents became permanent there). Its steps name services by life situation,
 * PTV service class and keyword, so each reader sees their own municipality's services from the directory.
 */
import type { GuideContent } from '../../core/guides/types.js';

export const SEPARATION: GuideContent = {
  title: {
    fi: 'Kun perhe harkitsee eroa tai eroaa',
    sv: 'När familjen funderar på skilsmässa eller separerar',
    en: 'When a family is considering or going through a separation',
  },
  summary: {
    fi: 'Tietopaketti eroa harkitseville ja eroaville vanhemmille: mistä saa keskusteluapua, miten lapsille kerrotaan, miten lasten asioista sovitaan ja mistä saa tukea eron jälkeen.',
    sv: 'Ett informationspaket för föräldrar som funderar på skilsmässa eller separerar: var du får samtalsstöd, hur du berättar för barnen, hur ni kommer överens om barnens ärenden och var du får stöd efteråt.',
    en: 'An information package for parents considering or going through a separation: where to get someone to talk to, how to tell the children, how to agree on the children’s matters, and where to find support afterwards.',
  },
  steps: [
    {
      title: {
        fi: 'Pysähdy ja hae keskusteluapua ajoissa',
        sv: 'Stanna upp och sök samtalsstöd i tid',
        en: 'Pause, and talk to someone in good time',
      },
      body: {
        fi: 'Eroa voi miettiä yksin tai yhdessä puolison kanssa. Keskustelu ulkopuolisen kanssa auttaa selvittämään, voiko suhteen vielä korjata ja miten ero tehdään lapsia suojellen.\n\nPerheneuvola ja eroauttaminen ovat maksuttomia, eikä niihin tarvita lähetettä. Voit mennä yksin tai yhdessä toisen vanhemman kanssa.',
        sv: 'Man kan fundera på skilsmässa ensam eller tillsammans med sin partner. Ett samtal med någon utomstående hjälper er att reda ut om relationen ännu går att reparera och hur en separation kan göras så att barnen skyddas.\n\nFamiljerådgivningen och stödet vid skilsmässa är avgiftsfria, och ingen remiss behövs. Du kan gå ensam eller tillsammans med den andra föräldern.',
        en: 'You can think about separating on your own or together with your partner. Talking with someone outside the family helps you work out whether the relationship can still be mended, and how to separate in a way that protects the children.\n\nThe family counselling clinic and separation support are free and need no referral. You can go alone or together with the other parent.',
      },
      lifeSituations: ['separation'],
      serviceClasses: ['P3.1', 'P3.7'],
      keywords: ['eroauttaminen', 'perheneuvola'],
    },
    {
      title: {
        fi: 'Kerro lapsille yhdessä ja pidä arki tuttuna',
        sv: 'Berätta för barnen tillsammans och håll vardagen bekant',
        en: 'Tell the children together, and keep everyday life familiar',
      },
      body: {
        fi: 'Kerro lapselle erosta mieluiten yhdessä toisen vanhemman kanssa ja lapsen iän mukaan: mitä tapahtuu, missä hän asuu ja milloin hän näkee kumpaakin vanhempaa. Kerro, ettei ero ole lapsen syytä.\n\nTutut rutiinit, päiväkoti tai koulu ja kaverit kantavat muutoksen yli. Lapsi voi hyötyä ryhmästä, jossa samaa kokeneet lapset puhuvat tunteistaan.',
        sv: 'Berätta om skilsmässan för barnet helst tillsammans med den andra föräldern och på ett sätt som passar barnets ålder: vad som händer, var barnet ska bo och när hen träffar båda föräldrarna. Säg att skilsmässan inte är barnets fel.\n\nBekanta rutiner, daghemmet eller skolan och kompisarna bär genom förändringen. Barnet kan ha nytta av en grupp där barn som varit med om samma sak pratar om sina känslor.',
        en: 'If you can, tell the child about the separation together with the other parent, in a way that suits the child’s age: what will happen, where they will live and when they will see each parent. Say that the separation is not the child’s fault.\n\nFamiliar routines, day care or school, and friends carry a child through the change. A child may benefit from a group where children who have been through the same talk about their feelings.',
      },
      lifeSituations: ['separation'],
      serviceClasses: ['P4.12'],
      keywords: ['vertaisryhmä', 'stödgrupp'],
    },
    {
      title: {
        fi: 'Sopikaa lasten asioista: huolto, asuminen, tapaamiset ja elatus',
        sv: 'Kom överens om barnens ärenden: vårdnad, boende, umgänge och underhåll',
        en: 'Agree on the children’s matters: custody, residence, contact and maintenance',
      },
      body: {
        fi: 'Vanhemmat sopivat, kumman luona lapsi asuu, miten hän tapaa toista vanhempaa, jatkuuko huolto yhteisenä ja miten elatus jaetaan. Hyvinvointialueen lastenvalvoja vahvistaa sopimuksen maksutta, ja vahvistettu sopimus on yhtä pätevä kuin tuomioistuimen päätös.\n\nJos sopiminen on vaikeaa, perheasioiden sovittelu auttaa löytämään ratkaisun, joka on lapsen edun mukainen. Sovittelu on maksutonta ja vapaaehtoista.',
        sv: 'Föräldrarna kommer överens om var barnet ska bo, hur barnet träffar den andra föräldern, om vårdnaden fortsätter att vara gemensam och hur underhållet delas. Välfärdsområdets barnatillsyningsman fastställer avtalet avgiftsfritt, och ett fastställt avtal gäller som ett domstolsbeslut.\n\nOm det är svårt att komma överens hjälper medling i familjefrågor er att hitta en lösning som är till barnets bästa. Medlingen är avgiftsfri och frivillig.',
        en: 'The parents agree where the child will live, how the child will see the other parent, whether custody stays joint, and how maintenance is shared. The wellbeing services county’s child welfare supervisor (lastenvalvoja) confirms the agreement free of charge, and a confirmed agreement is as binding as a court decision.\n\nIf agreeing is hard, family mediation helps you find a solution in the child’s best interests. Mediation is free and voluntary.',
      },
      lifeSituations: ['separation'],
      serviceClasses: ['P3.5', 'P3.9'],
      keywords: ['lastenvalvoja', 'barnatillsyningsman', 'sovittelu', 'medling'],
    },
    {
      title: {
        fi: 'Avioero käräjäoikeudessa',
        sv: 'Äktenskapsskillnad i tingsrätten',
        en: 'Divorce at the district court',
      },
      body: {
        fi: 'Jos olette naimisissa, avioeroa haetaan käräjäoikeudesta. Hakemuksen voi tehdä yksin tai yhdessä. Ensin alkaa kuuden kuukauden harkinta-aika, jonka jälkeen avioero on pyydettävä vuoden kuluessa. Harkinta-aikaa ei tarvita, jos olette asuneet erillään yli kaksi vuotta.\n\nOmaisuuden jakamisesta sovitaan ositussopimuksella. Avopuolisoiden ei tarvitse hakea eroa, mutta yhteisen omaisuuden erottelusta ja lasten asioista on hyvä sopia kirjallisesti.',
        sv: 'Om ni är gifta ansöker ni om äktenskapsskillnad i tingsrätten. Ansökan kan göras ensam eller tillsammans. Först börjar en betänketid på sex månader, och efter den ska äktenskapsskillnaden begäras inom ett år. Ingen betänketid behövs om ni har bott åtskils i över två år.\n\nOm fördelningen av egendomen kommer ni överens med ett avvittringsavtal. Sambor behöver inte ansöka om skilsmässa, men det är bra att skriftligt komma överens om åtskillnaden av gemensam egendom och om barnens ärenden.',
        en: 'If you are married, you apply for divorce at the district court, alone or together. A six-month reconsideration period comes first, after which the divorce must be asked for within a year. No reconsideration period is needed if you have lived apart for more than two years.\n\nDividing property is agreed in a property settlement. Cohabiting couples do not apply for a divorce, but it is wise to agree in writing on separating shared property and on the children’s matters.',
      },
      lifeSituations: [],
      serviceClasses: [],
      keywords: [],
    },
    {
      title: {
        fi: 'Raha ja asuminen muutoksessa',
        sv: 'Pengar och boende i förändringen',
        en: 'Money and housing during the change',
      },
      body: {
        fi: 'Ero muuttaa usein perheen taloutta ja asumista. Kela maksaa elatustukea, jos elatusapua ei makseta tai se on pieni, ja asumistuki ja lapsilisän yksinhuoltajakorotus voivat tulla kyseeseen. Lapsilisä maksetaan sille vanhemmalle, jonka luona lapsi asuu.\n\nJos arki kuormittaa tai rahat eivät riitä, perheen sosiaalipalvelut ja perhetyö auttavat tilanteen selvittämisessä.',
        sv: 'En skilsmässa förändrar ofta familjens ekonomi och boende. FPA betalar underhållsstöd om underhållsbidraget inte betalas eller är litet, och bostadsbidrag och ensamförsörjartillägg till barnbidraget kan komma i fråga. Barnbidraget betalas till den förälder som barnet bor hos.\n\nOm vardagen tynger eller pengarna inte räcker hjälper familjens socialtjänster och familjearbetet er att reda ut situationen.',
        en: 'A separation often changes a family’s money and housing. Kela pays maintenance support if child maintenance is not paid or is small, and housing allowance and the single-parent supplement to child benefit may apply. Child benefit is paid to the parent the child lives with.\n\nIf everyday life weighs on you or the money does not last, the family social services and family work help you work things out.',
      },
      lifeSituations: ['family_strain', 'finances_housing'],
      serviceClasses: ['P3.6', 'P4.10', 'P4.13'],
      keywords: ['palveluohjaus', 'servicehandledning'],
    },
    {
      title: {
        fi: 'Pidä huolta myös itsestäsi',
        sv: 'Ta hand om dig själv också',
        en: 'Look after yourself too',
      },
      body: {
        fi: 'Ero on kriisi myös aikuiselle. Väsymys, suru ja viha ovat tavallisia. Vertaisryhmässä voi jakaa kokemuksia muiden eronneiden vanhempien kanssa ja oppia yhteistyötä lapsen parhaaksi kahdessa kodissa.',
        sv: 'En skilsmässa är en kris också för den vuxna. Trötthet, sorg och ilska är vanliga. I en kamratgrupp kan du dela erfarenheter med andra separerade föräldrar och lära dig samarbeta för barnets bästa i två hem.',
        en: 'A separation is a crisis for adults too. Tiredness, grief and anger are common. In a peer group you can share experiences with other separated parents and learn to cooperate for your child in two homes.',
      },
      lifeSituations: ['separation'],
      serviceClasses: ['P3.7', 'P4.12'],
      keywords: [],
    },
    {
      title: {
        fi: 'Jos pelkäät tai kotona on väkivaltaa',
        sv: 'Om du är rädd eller det förekommer våld hemma',
        en: 'If you are afraid, or there is violence at home',
      },
      body: {
        fi: 'Ero voi kärjistää riitoja. Jos sinä tai lapsi olette vaarassa, soita 112. Sosiaalipäivystys auttaa ympäri vuorokauden, ja Nollalinja (080 005 005) neuvoo lähisuhdeväkivaltaa kokeneita maksutta.',
        sv: 'En skilsmässa kan skärpa konflikter. Om du eller barnet är i fara, ring 112. Socialjouren hjälper dygnet runt, och Nollinjen (080 005 005) ger avgiftsfri rådgivning till den som utsatts för våld i en nära relation.',
        en: 'A separation can sharpen conflicts. If you or the child are in danger, call 112. The social emergency service helps around the clock, and the Nollalinja helpline (080 005 005) gives free advice to anyone facing violence in a close relationship.',
      },
      lifeSituations: ['crisis_violence'],
      serviceClasses: ['P3.8', 'P5.5'],
      keywords: ['sosiaalipäivystys', 'socialjour'],
    },
  ],
};
