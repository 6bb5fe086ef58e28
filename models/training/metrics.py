"""Metrics shared by training (model selection on validation songs) and evaluation (held-out songs)."""
import numpy as np


def macro_auc(y, p):
    """Mean ROC-AUC over tags having both positives and negatives (rank formulation, ties averaged)."""
    from scipy.stats import rankdata
    aucs = []
    for j in range(y.shape[1]):
        pos = y[:, j] > 0.5
        n_pos, n_neg = int(pos.sum()), int((~pos).sum())
        if n_pos == 0 or n_neg == 0:
            continue
        r = rankdata(p[:, j])
        aucs.append((r[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))
    return float(np.mean(aucs)) if aucs else float("nan"), len(aucs)


def l2n(v):
    return v / (np.linalg.norm(v, axis=1, keepdims=True) + 1e-12)


def radio_precision(emb, song, family, k=10, max_queries=4000, seed=0):
    """Fragment radio precision@k (cosine distance, per-song min over fragments, own song excluded).

    Returns dict(precision, queries, songs, pick_distances [Q, k]: each query's k picks' distances, ascending)."""
    emb = l2n(emb.astype(np.float32))
    songs, song_idx = np.unique(song, return_inverse=True)
    song_fam = {}
    for s, f in zip(song_idx, family):
        song_fam[s] = f
    fam_of_song = np.array([song_fam[i] for i in range(len(songs))])
    rng = np.random.RandomState(seed)
    q = np.arange(len(emb)) if len(emb) <= max_queries else np.sort(rng.choice(len(emb), max_queries, replace=False))
    k = min(k, len(songs) - 1)
    precs, dists = [], []
    order = np.argsort(song_idx, kind="stable")                 # fragments grouped by song, once
    bounds = np.r_[0, np.cumsum(np.bincount(song_idx, minlength=len(songs)))]
    for i in range(0, len(q), 256):
        qi = q[i:i + 256]
        d = 1.0 - emb[qi] @ emb.T                               # [Q, N]
        per_song = np.full((len(qi), len(songs)), np.inf, dtype=np.float32)
        ds = d[:, order]
        for s in range(len(songs)):
            if bounds[s + 1] > bounds[s]:
                per_song[:, s] = ds[:, bounds[s]:bounds[s + 1]].min(1)
        per_song[np.arange(len(qi)), song_idx[qi]] = np.inf
        top = np.argpartition(per_song, k, axis=1)[:, :k]
        dists.append(np.sort(np.take_along_axis(per_song, top, axis=1), axis=1))
        precs.append((fam_of_song[top] == np.asarray(family)[qi][:, None]).mean(1))
    p = np.concatenate(precs)
    return dict(precision=float(p.mean()), queries=int(len(q)), songs=int(len(songs)),
                pick_distances=np.concatenate(dists))


def song_radio_precision(emb, song, album, k=10):
    """The app's song radio: for every song as the seed, the query is the sum of its fragment vectors (the sum of
    cosine distances to all seed fragments is |S| - c . sum(s) for unit vectors), each other song scores by its
    best fragment, the k best songs are the picks; precision@k = share of picks from the seed's album.

    Returns dict(precision, per_seed [S], chance: the expected precision of random picks)."""
    emb = l2n(emb.astype(np.float32))
    songs, song_idx = np.unique(song, return_inverse=True)
    album_of = np.empty(len(songs), dtype=object)
    album_of[song_idx] = np.asarray(album)
    queries = np.zeros((len(songs), emb.shape[1]), dtype=np.float32)
    np.add.at(queries, song_idx, emb)
    scores = queries @ emb.T                                     # [S, N]
    best = np.full((len(songs), len(songs)), -np.inf, dtype=np.float32)
    for s in range(len(songs)):
        best[:, s] = scores[:, song_idx == s].max(1)
    np.fill_diagonal(best, -np.inf)
    k = min(k, len(songs) - 1)
    top = np.argsort(-best, axis=1)[:, :k]
    per_seed = (album_of[top] == album_of[:, None]).mean(1)
    same = np.array([(album_of == a).sum() - 1 for a in album_of])
    return dict(precision=float(per_seed.mean()), per_seed=per_seed, chance=float((same / (len(songs) - 1)).mean()),
                songs=int(len(songs)))


# ---- the app's song radio over a library (ranking_study.py chose it on the validation packages) ----

def precision_from_scores(score, album_of, k=10):
    """Song x song scores -> (precision@k of picks from the seed's album, per seed [S]); the seed itself excluded."""
    score = score.copy()
    np.fill_diagonal(score, -np.inf)
    k = min(k, len(score) - 1)
    top = np.argsort(-score, axis=1)[:, :k]
    per_seed = (album_of[top] == album_of[:, None]).mean(1)
    return float(per_seed.mean()), per_seed


def chamfer_scores(emb, song_idx, n_songs):
    """Symmetric Chamfer similarity between songs: the mean over one song's fragments of their best cosine match
    among the other song's fragments, averaged over both directions. [S, S]."""
    e = l2n(emb.astype(np.float32))
    sim = e @ e.T
    groups = [np.flatnonzero(song_idx == s) for s in range(n_songs)]
    best = np.stack([sim[:, g].max(1) for g in groups], axis=1)          # [N, S]: best match of each fragment per song
    directed = np.stack([best[g].mean(0) for g in groups], axis=0)       # [S seed, S candidate]
    return 0.5 * (directed + directed.T)


def lda_map(emb, song_idx, dims, shrink=1e-3):
    """Label-free LDA on a library's own fragments: tracks as the classes (no album, no tag), between- against
    within-track scatter of the L2-normalised vectors, within-track scatter shrunk by `shrink` x its mean
    eigenvalue. Returns (mean [D], projection [D, dims]); apply as (l2n(x) - mean) @ projection."""
    from scipy.linalg import eigh
    x = l2n(emb.astype(np.float64))
    mu = x.mean(0)
    xc = x - mu
    n_s = int(song_idx.max()) + 1
    means = np.zeros((n_s, x.shape[1]))
    np.add.at(means, song_idx, xc)
    counts = np.bincount(song_idx, minlength=n_s)[:, None]
    means /= np.maximum(counts, 1)
    within = xc - means[song_idx]
    sw = within.T @ within / len(x)
    sb = (means * counts).T @ means / len(x)
    sw += shrink * np.trace(sw) / sw.shape[0] * np.eye(sw.shape[0])
    w, v = eigh(sb, sw)
    order = np.argsort(-w)[:dims]
    return mu, v[:, order]


LIBRARY_LDA_DIMS = 16


def library_radio_precision(emb, song, album, k=10, dims=LIBRARY_LDA_DIMS):
    """The app's song radio ranking: fragment vectors of the whole library (here: the evaluated split) mapped by
    a `dims`-dimensional lda_map fitted on those same fragments with tracks as classes, L2-normalised, then
    songs ranked by symmetric Chamfer similarity to the seed; precision@k = share of picks from the seed's album.
    Vectors of no more than `dims` dimensions are ranked by Chamfer without the map.

    Returns dict(precision, per_seed [S] in np.unique(song) order, chance, songs)."""
    songs, song_idx = np.unique(song, return_inverse=True)
    album_of = np.empty(len(songs), dtype=object)
    album_of[song_idx] = np.asarray(album)
    x = emb
    if emb.shape[1] > dims:
        mu, proj = lda_map(emb, song_idx, dims)
        x = ((l2n(emb.astype(np.float64)) - mu) @ proj).astype(np.float32)
    precision, per_seed = precision_from_scores(chamfer_scores(x, song_idx, len(songs)), album_of, k)
    same = np.array([(album_of == a).sum() - 1 for a in album_of])
    return dict(precision=precision, per_seed=per_seed, chance=float((same / (len(songs) - 1)).mean()),
                songs=int(len(songs)))
