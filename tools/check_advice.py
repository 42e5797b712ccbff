"""Job of the check: unsafe advice, read clause by clause (issue 19).

check_guide.py calls find(text) on the text of every rendered block (a
paragraph, a list item, a heading, a cell) of every page. The text is
normalised (NFKC, Latin lookalikes from other scripts folded, marks and
invisible characters dropped, curly quotes made straight), split into
sentences and each sentence into clauses: at . ; : ! ? and brackets and
dashes, and at " and ", " then ", " but ", " so " (unless what follows is
only an object, as in "the chat and the image").

A clause is unsafe when it tells the reader to do one of these (families):
  a. keep an image: keep, hold on to, retain, save, store, stash, copy,
     download, screenshot, capture, record, print, back up, collect, gather,
     put it in a folder, take a photo of it ... + an image (photo, picture,
     image, video, clip, nude, selfie, material, content, file, copy, or
     it/them when the sentence or the one before names an image);
  b. pass an image on: show, send, forward, share, upload, post, pass on ...
     + an image, or "it/them to";
  c. look at it: look at, view, open, watch, check, verify, test, search for
     + an image; test-buy; ask or prompt an AI model to make one;
  d. pay a blackmailer: pay, paying, send money, gift cards or crypto;
  e. delete evidence: delete, erase, wipe, destroy, clear, factory-reset ...
     + evidence, messages, chats, accounts, files, history, the phone;
  f. tip off: confront anyone; warn, tell, alert, message the suspect, the
     abuser, the person, their family;
  g. deter the reader: "the police will visit you", "you must give your
     name", "you will be in trouble / arrested";
  h. take back the safety lines: "that was the old advice", "ignore the
     warning", "this no longer applies".
Families a-f count only where the verb is advice to the reader: at the start
of a clause or of a comma part (an order), after "you" (and a modal), after
"to" (it is best to ...), after "say/advise/recommend", as an -ing form that
leads (paying once ends it; by saving it), or as "should be kept".

A clause passes only when a negation (never, not, no, don't, nothing,
nobody, avoid, instead of, rather than, stop, without, refuse ...) governs
the verb: it comes before it in the clause, and no "unless", "until",
"before", "if", "when", "instead" ... stands between. Its scope runs across
commas only in a list closed by "or"/"nor" ("Never look, save, forward or
screenshot it"); "Do not panic, keep the photo" fails. A leading -ing form
is governed by a negation after it ("Paying does not make it stop").
Negations that say the opposite do not count: "not wrong", "nothing wrong
with", "no harm in", "don't hesitate / forget / wait to", "no matter",
"not only", "whether or not", and "never ... without" (a double negation).

Narrow allowances (each a true edge case on the current pages):
  - "preserve" is not a keep verb, and on the operators' pages (after-a-match,
    online-services, duties-by-country, questions-from-operators, services,
    developers-and-researchers, investigators) keep/store/destroy words pass
    in a sentence that cites the law or a legal duty ("Copies of the law add:
    keep files that give context ... destroy it if the police ask"); paying
    there counts only beside blackmail words ("You can pay" for a service);
    clearing "cached copies" is removal, an operator's duty.
  - "unless you pay", "asks you to pay": the blackmailer's demand described.
  - "someone threatens to share", "an adult who asks a child to show": what
    a third person does, not advice to the reader (the -s forms of verbs,
    "keeps", "gives", are never read as orders either).
  - "a screenshot of the messages", "take a screenshot of the chat": a
    picture of messages or a profile, never of an image.
  - "send them nowhere else": a negation after the object.
  - "test with harmless images", "keep it away from children".
Limits: it reads words, not meaning. Advice spread over two sentences with
no image word in either ("Got it? Keep it."), or in words outside these
families, still passes; reviewers read every page change.

find(text) -> [(quote, message)], one per unsafe clause.
"""
import re
import unicodedata

# --- Text ------------------------------------------------------------------------
# Latin lookalikes in other scripts (Cyrillic, Greek) that would hide a word
LOOKALIKES = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
    "ѕ": "s", "ԁ": "d", "ɡ": "g", "һ": "h", "ԛ": "q", "ԝ": "w", "ν": "v", "ο": "o", "α": "a",
    "ε": "e", "ι": "i", "κ": "k", "τ": "t", "υ": "u", "ρ": "p", "В": "b", "М": "m", "Н": "h",
    "Т": "t", "К": "k", "‘": "'", "’": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"'})


def normalise(text):
    text = unicodedata.normalize("NFKC", text).translate(LOOKALIKES)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Mn", "Me", "Cf"))
    text = re.sub(r"[*_~\\\"]", "", text)
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s+", " ", text).strip().lower()


# --- Words -------------------------------------------------------------------------
IMAGE = (r"(?:photo(?:graph)?s?|pictures?|pics?|images?|videos?|vids?|clips?|footage|nudes?|"
         r"selfies?|snaps?|material|content|files?|cop(?:y|ies)|screenshots?|screen-?grabs?|"
         r"recordings?|media|stills?|frames?|thumbnails?|jpe?gs?|pngs?|mp4s?|"
         r"(?:sexual|nude|naked|explicit|intimate|abuse) (?:\w+ )?(?:images?|photos?|pictures?))")
PRONOUN = r"(?:it|them|this|that|those|these|one)"
# "it" counts as an image only when the sentence (or the one before) names one
NAMES_IMAGE = re.compile(r"\b(?:photo|picture|pic|image|video|vid|clip|footage|nude|selfie|snap|"
                         r"material|content|file|recording|media|screenshot|csam|abuse)", re.I)
OBJ_GAP = (r"(?:\s+(?!but\b|then\b|so\b|never\b|not\b|no\b|nor\b|without\b|"
           r"nothing\b|instead\b|rather\b)[\w'/-]+,?){0,5}?")

# advice positions: what may stand before the verb
LEAD = (r"(?:(?:please|just|simply|first|then|now|so|also|always|quickly|immediately|instead|"
        r"rather|better|best|ok|okay|yes|still|today|tonight|again|next|finally|carefully|"
        r"safely|secretly|quietly|privately|only)\s+)*")
YOU = (r"\byou(?:'ll|'d)?(?:\s+(?:can|could|should|shall|may|might|must|will|would|need to|"
       r"have to|ought to|had better|are allowed to|are free to|want to|may want to|"
       r"are welcome to|really|still|also|just|first|then|always|better|only|simply|can also|"
       r"should also|could also|might also))*\s+$")
TO = r"\bto\s+(?:\w+ly\s+)?$"
SAYS = r"\b(?:say|says|said|advise|advises|recommend|recommends|suggest|suggests|tip|rule)\s*$"
GERUND_AFTER = (r"\b(?:by|consider|considering|try|trying|start|begin|recommend|recommends|"
                r"suggest|suggests|worth|is|are|means|mean|including|include|includes|"
                r"involves|via|through|about|like|love|keep on|go on|with|in|without)\s+$")
MODAL_BE = (r"\b(?:should|must|can|could|may|might|will|would|need to|needs to|has to|have to|"
            r"ought to|is to|are to|is best|are best|is better|are better)\s+(?:still\s+|also\s+|"
            r"always\s+|then\s+|first\s+)?be\s+$")


def V(*forms):
    return r"(?:%s)" % "|".join(forms)


# (verb regex, participle regex for "should be ...")
# taking a picture needs no object ("take a screenshot as evidence"), unless it is of the chat
TAKE = (r"tak(?:e|ing) (?:a |an |some |another |more |several |a few |two |three |many |lots of |"
        r"multiple |a couple of )?(?:quick )?(?:screen-?shots?|screen-?grabs?|"
        r"photos?|pictures?|pics?|snaps?|snapshots?|cop(?:y|ies)|videos?|recordings?|"
        r"screen recordings?)|mak(?:e|ing) (?:a |some )?(?:cop(?:y|ies)|recordings?|backups?)")
NOT_IMAGE = (r"\s+of (?:the |their |his |her |your |its )?(?:messages?|chats?|profiles?|accounts?|"
             r"conversations?|usernames?|user ?names?|names?|web address|address|url|link|page|"
             r"texts?|threats?|emails?|dates?|times?)\b")
# moving it somewhere counts only with a place to keep it ("put it in a folder")
PUT = r"put(?:ting)?|mov(?:e|ing)|drag(?:ging)?|transfer(?:ring)?|add(?:ing)?|plac(?:e|ing)"
KEEP = V(TAKE, PUT, r"keep(?:s|ing)?", r"hold(?:s|ing)? on ?to", r"hang(?:s|ing)? on ?to", r"retain(?:s|ing)?",
         r"sav(?:e|es|ing)", r"stor(?:e|es|ing)", r"stash(?:es|ing)?", r"cop(?:y|ies|ying)",
         r"download(?:s|ing)?", r"screen-?shot(?:s|ting)?", r"screen-?grab(?:s|bing)?",
         r"captur(?:e|es|ing)", r"record(?:s|ing)?", r"print(?:s|ing)?", r"back(?:s|ing)? ?up",
         r"collect(?:s|ing)?", r"gather(?:s|ing)?", r"archiv(?:e|es|ing)", r"snap(?:s|ping)?",
         r"photograph(?:s|ing)?", r"film(?:s|ing)?", r"grab(?:s|bing)?", r"bookmark(?:s|ing)?",
         r"export(?:s|ing)?", r"sync(?:s|ing)?", r"duplicat(?:e|es|ing)", r"preserv(?:e|es|ing) a copy")
KEEP_PP = V("kept", "held on to", "retained", "saved", "stored", "stashed", "copied",
            "downloaded", "screen-?shot(?:ted)?", "captured", "recorded", "printed", "backed up",
            "collected", "gathered", "archived")
SHOW = V(r"show(?:s|ing)?", r"send(?:s|ing)?", r"forward(?:s|ing)?", r"shar(?:e|es|ing)",
         r"upload(?:s|ing)?", r"post(?:s|ing)?", r"pass(?:es|ing)? (?:it |them )?on",
         r"hand(?:s|ing)? (?:it |them )?over", r"giv(?:e|es|ing)", r"email(?:s|ing)?",
         r"e-mail(?:s|ing)?", r"attach(?:es|ing)?", r"airdrop(?:s|ping)?", r"text(?:s|ing)?",
         r"message(?:s|ing)?", r"dm(?:s|ing)?", r"bring(?:s|ing)?", r"distribut(?:e|es|ing)",
         r"circulat(?:e|es|ing)", r"publish(?:es|ing)?", r"repost(?:s|ing)?", r"spread(?:s|ing)?")
SHOW_PP = V("shown", "sent", "forwarded", "shared", "uploaded", "posted", "passed on",
            "handed over", "given", "emailed", "attached", "brought")
NO_OBJECT = (r"test[- ]?buy(?:ing)?|test[- ]?purchas\w*|make (?:a )?test purchases?|"
             r"(?:prompt|ask)(?:ing)? (?:an? |the )?(?:ai |chat ?bot |image )?(?:model|generator|ai|tool|app|chat ?bot)s? "
             r"to (?:make|create|generate|draw|produce|render)")
LOOK = V(NO_OBJECT, r"look(?:s|ing)? (?:at|through|for)", r"view(?:s|ing)?", r"open(?:s|ing)?",
         r"watch(?:es|ing)?", r"check(?:s|ing)?", r"verif(?:y|ies|ying)", r"test(?:s|ing)?",
         r"search(?:es|ing)? for", r"find(?:ing)? more", r"go(?:ing)? looking for", r"browse(?:s)? (?:through|for)",
         r"inspect(?:s|ing)?", r"examin(?:e|es|ing)", r"review(?:s|ing)?", r"study(?:ing)?",
         r"zoom(?:s|ing)? in on", r"play(?:s|ing)?", r"stream(?:s|ing)?", r"click(?:s|ing)? on")
LOOK_PP = V("viewed", "opened", "watched", "checked", "verified", "tested", "looked at", "examined",
            "reviewed", "inspected")
PAY = V(r"pay(?:s|ing)?", r"send(?:s|ing)? (?:them |him |her |the \w+ )?(?:the )?(?:money|cash|"
        r"gift ?cards?|crypto(?:currency)?|bitcoin|btc|vouchers?|funds|a payment|payment|"
        r"what they ask|what they want)", r"transfer(?:s|ring)? (?:the )?(?:money|cash|funds)",
        r"buy(?:s|ing)? (?:them |him |her )?(?:a |the |some )?(?:gift ?cards?|vouchers?|crypto\w*|bitcoin)", r"wir(?:e|es|ing) "
        r"(?:the )?(?:money|cash|funds)", r"giv(?:e|es|ing) (?:them|him|her) (?:the )?(?:money|"
        r"cash|what they (?:ask|want))", r"settl(?:e|es|ing)", r"hand(?:s|ing)? over (?:the )?"
        r"(?:money|cash)", r"meet(?:s|ing)? (?:their|his|her|the) demands?", r"giv(?:e|ing) in",
        r"compl(?:y|ying) with (?:their|his|her|the) demands?",
        r"offer(?:s|ing)? (?:them |him |her )?(?:a |some )?(?:small |little |token )?(?:amount|money|payment|sum|cash|"
        r"gift ?cards?|crypto\w*|bitcoin)")
PAY_PP = V("paid")
DELETE = V(r"delet(?:e|es|ing)", r"eras(?:e|es|ing)", r"wip(?:e|es|ing)(?: out)?",
           r"destroy(?:s|ing)?", r"clear(?:s|ing)?(?: out)?", r"get(?:s|ting)? rid of",
           r"throw(?:s|ing)? away", r"bin(?:s|ning)?", r"shred(?:s|ding)?",
           r"factory[- ]reset(?:s|ting)?", r"reset(?:s|ting)?", r"format(?:s|ting)?",
           r"purg(?:e|es|ing)", r"trash(?:es|ing)?", r"burn(?:s|ing)?", r"smash(?:es|ing)?",
           r"empty(?:ing)?", r"deactivat(?:e|es|ing)", r"clean(?:s|ing)? (?:up|out)",
           r"uninstall(?:s|ing)?", r"unsend(?:s|ing)?", r"block(?:s|ing)? and delet(?:e|ing)")
DELETE_PP = V("deleted", "erased", "wiped", "destroyed", "cleared", "shredded", "reset",
              "formatted", "purged", "thrown away")
EVIDENCE = (r"(?:evidence|proof|messages?|chats?|conversations?|dms?|texts?|threads?|"
            r"accounts?|profiles?|files?|history|logs?|records?|data|emails?|photos?|pictures?|"
            r"images?|videos?|screenshots?|phones?|devices?|computers?|laptops?|tablets?|"
            r"hard ?drives?|drives?|cache|cookies|browser|everything|all of it|it all|"
            r"anything|traces?|backups?|cloud|folders?|downloads?|trash|recycle bin|"
            r"apps?|copies|copy|material|content|the lot|whatever)")
TELL = V(r"confront(?:s|ing)?", r"warn(?:s|ing)?", r"tell(?:s|ing)?", r"alert(?:s|ing)?",
         r"tip(?:s|ping)? off", r"let", r"inform(?:s|ing)?", r"notify(?:ing)?", r"message(?:s|ing)?",
         r"text(?:s|ing)?", r"call(?:s|ing)?", r"phon(?:e|es|ing)", r"contact(?:s|ing)?",
         r"ask(?:s|ing)?", r"question(?:s|ing)?", r"accus(?:e|es|ing)", r"challeng(?:e|es|ing)",
         r"talk(?:s|ing)? to", r"speak(?:s|ing)? to", r"email(?:s|ing)?", r"dm(?:s|ing)?",
         r"write(?:s)? to", r"reach(?:es|ing)? out to", r"go(?:es|ing)? to see", r"visit(?:s|ing)?")
TELL_PP = V("confronted", "warned", "told", "alerted", "tipped off", "informed", "notified")
SUSPECT = (r"(?:(?:the|that|this|your|their|his|her)\s+)?(?:suspects?|abusers?|offenders?|"
           r"perpetrators?|predators?|groomers?|blackmailers?|accused|culprits?|"
           r"(?:person|people|man|woman|adult|teacher|relative|neighbou?r|coach|user|account|"
           r"uploader|sender|owner|member) (?:you|they) (?:suspect|name|think|believe|saw|"
           r"reported?|mean)\w*|person (?:involved|responsible|behind it|who (?:sent|shared|"
           r"posted|took|has|made) (?:it|them|the \w+))|"
           r"(?:the |their |his |her |that person's |the suspect's |the abuser's |the child's )?"
           r"famil(?:y|ies)|(?:the )?user(?! (?:interface|guide|data|reports?))|"
           r"(?:the )?uploader|(?:the )?poster|(?:the )?sender|him|her)\b")
CONFRONT_ANY = re.compile(r"\b(?:confront(?:s|ing)?|tip(?:s|ping)? (?:\w+ )?off|"
                          r"accus(?:e|es|ing)|challeng(?:e|es|ing) (?:them|him|her|the))\b")

FAMILIES = [
    # family, verb, participle, object, gap words, message (what to write instead)
    ("a", KEEP, KEEP_PP, IMAGE, 5, 'never tell readers to keep, save, copy or screenshot an image; '
     'write "Never save, screenshot or share it: a hotline needs only where you saw it"'),
    ("b", SHOW, SHOW_PP, IMAGE, 5, 'never tell readers to show, send or share an image, not even to '
     'the police; write "Do not send it to anyone. Report where you saw it"'),
    ("c", LOOK, LOOK_PP, IMAGE, 5, 'never tell readers to look at, open or check an image; write '
     '"Do not look further. A hotline checks it"'),
    ("d", PAY, PAY_PP, None, 0, 'never tell readers to pay a blackmailer; write "Do not pay. '
     'Paying does not usually make it stop"'),
    ("e", DELETE, DELETE_PP, EVIDENCE, 4, 'never tell readers to delete evidence; write "Do not '
     'delete the messages or the account. Ask the police or a helpline first"'),
    ("f", TELL, TELL_PP, SUSPECT, 3, 'never tell readers to confront, warn or tell the person they '
     'suspect or their family; write "Do not confront or warn the person you suspect"'),
]
MSG_G = ('this tells readers that reporting brings trouble ("{}"); write what the service '
         'says, e.g. "You do not have to give your name"')
MSG_H = ('this takes back the safety lines ("{}"); the safety header stands: '
         'never save, screenshot or share')
MESSAGE = 'unsafe advice "{}": {}'

# g. deterrents addressed to the reader
DETER = re.compile(
    r"\b(?:(?:the )?police|officers?|detectives?|they|the hotline|ncmec|the iwf|the fbi|"
    r"authorities|someone|investigators?|social services|child protection)\s+(?:\w+\s+){0,2}?"
    r"(?:will|would|could|may|might|can|are going to|is going to|must|shall|usually|often|"
    r"always)\s+(?:\w+\s+){0,2}?(?:visit|come (?:to|round|over|after)|knock|arrest|question|"
    r"interrogate|investigate|search|seize|raid|charge|prosecute|check on|record|take|trace|"
    r"track|find|identify|suspect|treat|come for|contact (?:your|you at)|call (?:your|you at)|"
    r"tell your|inform your|punish|fine|blame|report) (?:you|your)\b|"
    r"\byou(?:'ll| will| would| could| may| might| can| are going to| must| have to| need to|"
    r"'re going to)?\s+(?:\w+\s+){0,2}?(?:be|get|end up|go)\s+(?:\w+\s+){0,1}?(?:in (?:\w+ )?"
    r"trouble|arrested|charged|prosecuted|investigated|questioned|blamed|punished|fined|jailed|"
    r"imprisoned|to (?:jail|prison|court)|a suspect|treated as a suspect|named|identified|"
    r"on a (?:list|register)|reported|searched|in prison|in jail)\b|"
    r"\byou(?: will| would)?\s+(?:must|have to|need to|will need to|are required to|'ll need to|"
    r"'ll have to|should)\s+(?:\w+\s+){0,1}?(?:give|show|provide|share|tell them|prove|enter|"
    r"state|hand over|bring)\s+(?:\w+\s+){0,2}?(?:name|address|identity|id|passport|"
    r"phone number|details|licen[cs]e)\b|"
    r"\b(?:your name|your identity|your details|your address|who you are)\s+(?:\w+\s+){0,1}?"
    r"(?:will|is|are|must|may|might|can)\s+(?:\w+\s+){0,1}?(?:be\s+)?(?:given|passed|shared|"
    r"sent|published|made public|recorded|needed|required|told|on)\b|"
    r"\b(?:reports?|reporting|calls?|it)\s+(?:is|are|will be)\s+(?:\w+\s+){0,1}?(?:never|not|"
    r"no longer) (?:anonymous|private|confidential|secret)\b(?=.*\b(?:always|every|all|any)\b)|"
    r"\b(?:reporting|reports?)\s+(?:will|can|could|may|might|often|usually|always)\s+"
    r"(?:\w+\s+){0,1}?(?:get you|land you|put you|make you)\b")
# h. the safety lines taken back
TAKE_BACK = re.compile(
    r"\b(?:that|this|the above|the warning|the advice|the rule|the line|the header|"
    r"what (?:we|it) said|the top of (?:this|the) page|those words|that line|the old rule)\s+"
    r"(?:\w+\s+){0,4}?(?:was|is|are|were)\s+(?:\w+\s+){0,1}?(?:the )?(?:old|outdated|out of date|"
    r"wrong|obsolete|a mistake|an error|not true|untrue|false|too strict|overcautious|"
    r"over-cautious|exaggerated|only for|not for you|not meant|optional|no longer)\b|"
    r"\b(?:old|outdated|previous|earlier|former)\s+(?:\w+\s+){0,1}?"
    r"advice\b(?!\s+(?:from|of|on|is still))|"
    r"\b(?:ignore|disregard|forget|skip|never mind)\s+(?:\w+\s+){0,2}?(?:warning|advice|rule|"
    r"rules|line|header|above|lines|what (?:we|it|the page) said)\b|"
    r"\b(?:no longer|does not|doesn't|do not|don't)\s+(?:\w+\s+){0,1}?(?:applies|apply|"
    r"hold|holds|count|matter)\b(?!\s+(?:to (?:them|providers|companies|operators|services|firms|"
    r"platforms)|where|in|if|outside|here\s+if|when))|"
    r"\b(?:that rule|the rule|the warning|the advice)\s+(?:\w+\s+){0,1}?(?:has|have) "
    r"(?:changed|been (?:dropped|lifted|removed|withdrawn|replaced))\b|"
    r"\bthe rules? (?:above|at the top) (?:is|are|was|were) (?:\w+ )?(?:old|wrong)\b")

# --- Negation ------------------------------------------------------------------------
NEGATION = re.compile(r"\b(?:never|not|no|nothing|nobody|no one|none|neither|nor|without|nowhere|"
                      r"avoid(?:s|ing)?|stop(?:s|ping)?|refus(?:e|es|ing)|resist|instead of|"
                      r"rather than|cannot|can't|won't|don't|doesn't|didn't|isn't|aren't|"
                      r"shouldn't|mustn't|wouldn't|couldn't|dont|do n't)\b|n't\b")
# negations that say the opposite, or govern something else
FLIP = re.compile(
    r"\b(?:not|never|no|nothing|isn't|aren't)\s+(?:\w+\s+){0,1}?(?:wrong|illegal|a crime|a problem|"
    r"an offence|an offense|against the law|bad|dangerous|risky|unsafe|forbidden|banned|"
    r"prohibited|harmful|a big deal|serious|an issue)\b|"
    r"\b(?:nothing|no)\s+(?:\w+\s+){0,1}?(?:wrong|harm|problem|issue|risk|law|rule|reason not)\b|"
    r"\b(?:don't|do not|never|not|dont|doesn't|does not)\s+(?:\w+\s+){0,1}?(?:hesitate|forget|"
    r"wait|delay|be afraid|be scared|be shy|be embarrassed|worry|panic|feel bad|feel guilty|"
    r"think twice|need permission|need to ask|need to wait|only|just|merely|simply|mind|fail|"
    r"miss the chance|lose|let)\b|"
    r"\b(?:why not|why don't you|why wouldn't you|no matter|not only|or not|if not|not sure|not yet sure|no longer|not until|"
    r"whether or not|nothing stops you|no need to wait|never too late)\b|"
    r"\bstop\s+(?:and|,|to)\b|\bstop (?:worrying|panicking|waiting|hesitating)\b")
# words after which an earlier negation no longer reaches
BREAK = re.compile(r"\b(?:unless|until|till|before|after|if|when|whenever|once|so that|because|"
                   r"since|while|but|however|instead(?! of)|otherwise|except|then|though|"
                   r"although|yet|who|which|where|whereas)\b")
LIST_VERBS = re.compile(r"\b(?:or|nor)\s+(?:\w+\s+){0,1}?(?:%s|%s|%s|%s|%s|%s|look|move|buy|"
                        r"ask|search|test|touch|investigate|reply|respond|click|go|try|make|"
                        r"keep|take|use|contact|pay|report|post|comment|react|repost|like)\b"
                        % (KEEP, SHOW, LOOK, PAY, DELETE, TELL))


def _governing_negation(before):
    """The last negation in `before` that governs what follows it, or None."""
    last = None
    for m in NEGATION.finditer(before):
        last = m
    if last is None:
        return None
    # a flip phrase that holds this negation: it says the opposite
    for f in FLIP.finditer(before):
        if f.start() <= last.start() < f.end() or (f.start() >= last.start() and
                                                   f.start() - last.end() < 4):
            return None
    # "never ... without": the nearest negation is "without" after another negation
    if last.group() == "without" and NEGATION.search(before[:last.start()]):
        return None
    return last


def governed(clause, start):
    """Does a negation before `start` govern the word at `start`?"""
    before = clause[:start]
    neg = _governing_negation(before)
    if neg is None:
        return False
    between = clause[neg.end():start]
    if BREAK.search(between):
        return False
    if "," in between:
        # a comma list under one negation must be closed by "or"/"nor" + a verb
        rest = clause[clause.rfind(",", 0, start):]
        if not (re.match(r",\s*(?:or|nor)\b", rest) or LIST_VERBS.search(rest) or
                re.search(r",\s*(?:or|nor)\b", clause[start:])):
            return False
    return True


def governed_after(clause, end):
    """A leading -ing form ("Paying does not make it stop") is governed by a later negation."""
    after = clause[end:]
    neg = re.search(r"\b(?:never|not|no|nothing|rarely|seldom|hardly|cannot)\b|n't\b", after)
    if neg is None:
        return False
    if FLIP.search(after[max(0, neg.start() - 12):]):
        f = FLIP.search(after[max(0, neg.start() - 12):])
        if f.start() <= 14:
            return False
    return True


# --- Sentences and clauses -------------------------------------------------------------
OBJECT_START = re.compile(r"(?:the|a|an|any|all|your|their|his|her|its|our|my|this|that|these|"
                          r"those|every|each|other|some|copies|one|two|both|more|images?|photos?|"
                          r"pictures?|videos?|messages?|chats?|files?|accounts?|profiles?|"
                          r"nudes?|screenshots?|evidence|proof|dates?|times?|names?|details?)\b")
SUBJECT_START = re.compile(
    r"(?:this|that|these|those|it|they|he|she|we|i|you|there|the|a|an|some|many|most|all|each|"
    r"every|its|their|his|her|our|my|your|one|people|someone|anyone|nobody|everyone|who|which|"
    r"what|where|when|if|as|because|although|while|since|for|in|on|at|by|with|from|after|"
    r"before|parents|children|kids|adults|viewers|police|users|services|providers|companies|"
    r"firms|operators|hotlines|abusers|offenders)\b")
CONJUNCTION = re.compile(r"\s+(?:and then|and so|and also|and|then|but|so that|so|plus)\s+(?!%s)"
                         % OBJECT_START.pattern)
CLAUSE_END = re.compile(r"[.;:!?()\[\]{}]+|\s[-\u2013\u2014]+\s|\u2014")


def sentences(text):
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def clauses(sentence):
    """A sentence cut into clauses: [(text, shares_subject)]. shares_subject is True
    for a part after "and"/"then" whose clause before it has its own subject ("viewers
    who pay and tell the abuser"): its verb is not an order."""
    out = []
    for part in CLAUSE_END.split(sentence):
        previous = None
        for piece in CONJUNCTION.split(part):
            piece = piece.strip(" ,")
            if not piece:
                continue
            shares = False
            if previous is not None:
                last = previous[previous.rfind(",") + 1:].strip()
                shares = bool(SUBJECT_START.match(last))
            out.append((piece, shares))
            previous = piece
    return out


# --- Hits ------------------------------------------------------------------------------
THIRD = (r"\b(?:someone|somebody|they|he|she|an adult|adults|the person|a person|abusers?|"
         r"offenders?|blackmailers?|groomers?|predators?|strangers?|who|criminals|scammers|"
         r"the account|an account|the sender|people online)\b")
ASKING = (r"\b(?:threat\w*|demand\w*|promis\w*|ask\w*|forc\w*|pressur\w*|gets?|getting|want\w*|"
          r"groom\w*|persuad\w*|trick\w*|tr(?:y|ies|ying)|plan\w*|going|use\w*|tell\w*|make\w*|"
          r"convinc\w*|coerc\w*|urg\w*|push\w*|beg\w*)\b")
LAW = re.compile(r"§|\blaw\b|\blaws\b|\bact\b|\bregulations?\b|\brules\b|\bstatutes?\b|"
                 r"\brequire[sd]?\b|\bduty\b|\bduties\b|\bpreserv\w*|\blawyer\b|\bretention\b|"
                 r"\bfor (?:a|one) year\b|\b\d+ days\b|\blegal\w*\b")
BLACKMAIL = re.compile(r"\b(?:blackmail\w*|extort\w*|sextortion|threat\w*|ransom|demand\w*|"
                       r"scam\w*|they want|they ask)\b")
HARMLESS = re.compile(r"\b(?:harmless|benign|dummy|sample|synthetic|test|non-abuse|ordinary|"
                      r"everyday|legal adult|placeholder)\s+(?:\w+\s+)?$")
BASE_S = {"pass"}
# keep verbs whose "it" in this guide can only be an image ("download it", "screenshot it")
STRONG_KEEP = (r"download(?:ing)?|screen-?shot(?:ting)?|screen-?grab(?:bing)?|stash(?:ing)?|"
               r"sav(?:e|ing)|print(?:ing)?|captur(?:e|ing)|back(?:ing)? ?up|archiv(?:e|ing)")


def _advice_position(clause, start, verb, shares):
    """Is the verb at `start` advice to the reader?"""
    first = verb.split()[0]
    if re.fullmatch(r"\w+s", first) and first not in BASE_S and not first.endswith("ss"):
        return False  # keeps, saves, gives: a description, not an order
    before = clause[:start]
    seg = before[before.rfind(",") + 1:] if "," in before else before
    if re.fullmatch(r"\s*" + LEAD, seg) and not (shares and "," not in before) and \
            not verb.endswith("ing"):
        return True  # an order: the clause or a comma part starts with it
    if re.search(YOU, before) or re.search(SAYS, before) or \
            re.search(r"\bwhy (?:not|don't you|wouldn't you)\s+(?:just\s+)?$", before):
        return True
    if re.search(TO, before):
        # "someone threatens to share", "an adult who asks a child to show": their deed
        return not re.search(THIRD + r"(?:\s+\w+){0,3}?\s+" + ASKING + r"(?:\s+\w+){0,3}?\s+to\s+"
                             r"(?:\w+ly\s+)?$", before)
    if re.search(r"\b(?:let's|let us|we|i|parents|everyone|people|victims|readers|users|"
                 r"teens|children|kids|adults|you all|yourself)\s+(?:(?:should|must|can|could|"
                 r"may|might|will|need to|have to|ought to|had better|always|just|also|"
                 r"still|then|first|usually)\s+)+$", before):
        return True
    if verb.endswith("ing") and ((re.fullmatch(r"\s*" + LEAD, seg) and not shares) or
                                 re.search(GERUND_AFTER, before)):
        return True
    if re.search(r"\b(?:do|does)\s+$", before) and not NEGATION.search(before[-12:]):
        return True  # "do keep the photo"
    return False


def _folder(tail, context):
    """'a folder' when the words after the verb put an image somewhere to keep it."""
    if NAMES_IMAGE.search(context) and re.match(
            r"(?:\s+[\w']+){0,3}\s+(?:in|into|on|onto|to)\s+(?:a|your|the|my|another|some)\s+"
            r"(?:\w+\s+){0,2}?(?:folder|usb|drive|stick|cloud|album|gallery|camera roll|backup|"
            r"archive|locker|vault|disk|desktop|inbox|laptop|computer|phone|device|memory card|"
            r"sd card|hard drive|safe place)", tail):
        return "a folder"
    return None


def _object_match(family, v, obj, gap, tail, clause, context):
    """The object after the verb that makes it unsafe, or None."""
    om = re.match(r"(?P<gap>%s)\s+(?P<o>%s|%s)\b" % (OBJ_GAP.replace("{0,5}", "{0,%d}" % gap),
                                                    obj, PRONOUN), tail)
    if om is None:
        if family == "b":
            m = re.match(r"\s+((?:it|them|this|that|one)\s+(?:on\s+)?(?:to|with)\b)", tail)
            return m.group(1) if m else None
        if family == "a":
            return _folder(tail, context)
        return None
    o = om.group("o")
    if family == "a" and re.fullmatch(PUT, v):
        return _folder(tail, context)
    pronoun = bool(re.fullmatch(PRONOUN, o))
    after = tail[om.end():]
    if family == "b" and pronoun and re.match(r"\s+(?:on\s+)?(?:to|with)\b", after):
        return o + after[:4]  # "send it to": always an image here
    if family == "f":
        if pronoun:
            return None
        if re.fullmatch(r"(?:the )?user", o) and not re.match(r"confront|warn|alert|tip", v):
            return None  # telling "the user" how to appeal is an operator's step
        return o
    if pronoun:
        # "it" is an image only when the sentence (or the one before) names one; for
        # check, test or find, the clause itself must name it
        where = context if family != "c" or re.match(r"look|view|open|watch", v) else clause
        if not NAMES_IMAGE.search(where) and not (family == "a" and re.fullmatch(STRONG_KEEP, v)):
            return None
    if family in ("a", "c") and HARMLESS.search(tail[:om.start("o")] + " "):
        return None  # "test with harmless images"
    if family == "a" and re.match(r"\s+(?:\w+\s+){0,2}?(?:out of|away from|off)\b", after):
        return None  # "keep it away from children": not keeping it
    if family == "a" and re.fullmatch(r"record(?:ing)?|film(?:ing)?|snap(?:ping)?", v) and pronoun:
        return None
    if family == "b" and re.fullmatch(r"giv(?:e|ing)|bring(?:ing)?|text(?:ing)?|message|messaging",
                                      v) and pronoun:
        return None
    return o


def hits(clause, shares, context, audience):
    """[(start, family)] of unsafe advice in one clause; context is the sentence and
    the one before it (for "it" and "them")."""
    found = []
    for family, verb, pp, obj, gap, _ in FAMILIES:
        if audience == "operator" and family in ("a", "e") and LAW.search(context):
            continue  # operators' legal duty to preserve, keep securely, destroy on request
        if audience == "operator" and family == "d" and not BLACKMAIL.search(context):
            continue  # "you can pay" for a service
        for m in re.finditer(r"\b(?P<v>%s)\b" % verb, clause):
            v = m.group("v")
            before = clause[:m.start()]
            # a noun, not a verb: "a screenshot", "the record", "copies of the law"
            if family != "f" and re.search(r"\b(?:a|an|the|one|this|that|any|each|its|their|"
                                           r"your|his|her|our|my|no|of|whose)\s+$", before):
                continue
            if family == "a" and re.fullmatch(TAKE, v) and re.match(NOT_IMAGE, clause[m.end():]):
                continue  # "take a screenshot of the messages" (never of an image)
            if family == "d":
                if re.search(r"\b(?:unless|until|if|demand\w*|ask\w*|want\w*|tell\w*|forc\w*|"
                             r"pressur\w*|make\w*)\s+(?:\w+\s+){0,1}?you\s+(?:to\s+)?$", before):
                    continue  # "unless you pay": the blackmailer's demand, not advice
                if re.match(r"\s+(?:for\b|attention|tribute|respects)", clause[m.end():]):
                    continue
            elif not (family == "f" and CONFRONT_ANY.match(v)) and \
                    not (family == "c" and re.fullmatch(NO_OBJECT, v)) and \
                    not (family == "a" and re.fullmatch(TAKE, v)):
                if _object_match(family, v, obj, gap, clause[m.end():], clause, context) is None:
                    continue
                if family == "e" and audience == "operator" and re.search(
                        r"\b(?:cached|public) (?:copies|copy|content)\b", clause[m.end():]):
                    continue  # clearing cached copies is removal, an operator's duty
            if not _advice_position(clause, m.start(), v, shares):
                continue
            if re.match(r"\s+(?:[\w']+\s+){0,2}?(?:nowhere|to no ?one|to nobody)\b", clause[m.end():]):
                continue  # "send them nowhere else"
            if governed(clause, m.start()):
                continue
            if v.endswith("ing") and not before.strip(" ,") and governed_after(clause, m.end()):
                continue  # "Paying does not make it stop"
            found.append((m.start(), family))
        # a passive with a modal: "the photo should be kept as evidence"
        for m in re.finditer(r"\b(?:%s)\b" % pp, clause):
            subject = clause[:m.start()]
            if not re.search(MODAL_BE, subject):
                continue
            if obj is not None and not re.search(r"\b%s\b" % obj, subject) and \
                    not (re.search(r"\b(?:it|they|these|those)\s+(?:\w+\s+){0,3}$", subject) and
                         NAMES_IMAGE.search(context)):
                continue
            if obj is None and not BLACKMAIL.search(context):
                continue
            if governed(clause, m.start()):
                continue
            found.append((m.start(), family))
    for m in DETER.finditer(clause):
        if NEGATION.search(m.group()) and not FLIP.search(m.group()):
            continue
        if governed(clause, m.start()):
            continue
        found.append((m.start(), "g"))
    for m in TAKE_BACK.finditer(clause):
        found.append((m.start(), "h"))
    return found


OPERATOR_PAGES = re.compile(r"guide/(?:after-a-match|online-services|duties-by-country|"
                            r"questions-from-operators|services|developers-and-researchers|"
                            r"investigators)\.md")


def audience_of(path):
    """'operator' for the pages written for services and investigators, else 'reader'."""
    return "operator" if OPERATOR_PAGES.fullmatch(path or "") else "reader"


def find(text, audience="reader"):
    """[(quote, message)] for each clause of text that gives unsafe advice."""
    problems = []
    previous = ""
    for sentence in sentences(normalise(text)):
        context = previous + " " + sentence
        for clause, shares in clauses(sentence):
            done = set()
            for _, family in sorted(hits(clause, shares, context, audience)):
                if family in done:
                    continue
                done.add(family)
                if family == "g":
                    problems.append((clause, MSG_G.format(clause)))
                elif family == "h":
                    problems.append((clause, MSG_H.format(clause)))
                else:
                    why = [f[5] for f in FAMILIES if f[0] == family][0]
                    problems.append((clause, MESSAGE.format(clause, why)))
        previous = sentence
    return problems
